package io.quarkiverse.bedrock.benchmarks.streaming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone emulator in its own process (its CPU and allocation are not the harness's), and its stream timings
 * admin endpoint; started here, or attached to when a parent harness started it.
 */
final class EmulatorProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("accessKeyId=(\\S+)");
    private static final Pattern SECRET = Pattern.compile("secretAccessKey=(\\S+)");
    private static final String TIMINGS = "/emulator/stream-timings";

    private final Process process;
    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private EmulatorProcess(Process process, URI endpoint, String accessKeyId, String secretAccessKey) {
        this.process = process;
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /**
     * @param jar the standalone emulator jar
     * @param flags emulator flags, e.g. {@code --tokens 200}
     * @return the emulator, once it printed its ready line
     */
    static EmulatorProcess start(Path jar, List<String> flags) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No standalone emulator jar at " + jar.toAbsolutePath()
                    + ": build it with ./mvnw install -DskipTests -pl runtime,testing -am");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0"));
        command.addAll(flags);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Matcher k = ACCESS_KEY.matcher(line);
                Matcher s = SECRET.matcher(line);
                if (!k.find() || !s.find()) {
                    p.destroy();
                    throw new IllegalStateException("The emulator's ready line has no credentials: " + line);
                }
                Thread drain = new Thread(() -> drain(out), "emulator-output");
                drain.setDaemon(true);
                drain.start();
                return new EmulatorProcess(p, URI.create(m.group(1)), k.group(1), s.group(1));
            }
            System.out.println("[emulator] " + line);
        }
        p.destroy();
        throw new IllegalStateException("The emulator exited before it was ready (exit " + p.exitValue() + ")");
    }

    /**
     * @return an emulator another process started: for a forked harness JVM, which neither starts nor stops it
     */
    static EmulatorProcess attach(URI endpoint, String accessKeyId, String secretAccessKey) {
        return new EmulatorProcess(null, endpoint, accessKeyId, secretAccessKey);
    }

    private static void drain(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("[emulator] " + line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    URI endpoint() {
        return endpoint;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String secretAccessKey() {
        return secretAccessKey;
    }

    /**
     * @return request id to {@code System.nanoTime()} of the write of the frame with the first text delta
     */
    Map<String, Long> firstTextWrites() throws IOException, InterruptedException {
        HttpResponse<String> r = admin.send(HttpRequest.newBuilder(endpoint.resolve(TIMINGS)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return firstTextWrites(r.body());
    }

    /**
     * Reads {@code {"streams":[{"requestId":"..","firstEventNanos":..,"firstTextNanos":..},..]}} by hand: parsing it
     * with Jackson, which the clients under test use on their hot path, changed the JIT's profile of Jackson's parser
     * every round and had C2 recompile it during the measured rounds.
     */
    static Map<String, Long> firstTextWrites(String body) {
        Map<String, Long> out = new HashMap<>();
        int at = 0;
        while ((at = body.indexOf(REQUEST_ID, at)) >= 0) {
            int idStart = at + REQUEST_ID.length();
            int idEnd = body.indexOf('"', idStart);
            int text = body.indexOf(FIRST_TEXT, idEnd) + FIRST_TEXT.length();
            int end = text;
            while (end < body.length() && (body.charAt(end) == '-' || Character.isDigit(body.charAt(end)))) {
                end++;
            }
            out.put(body.substring(idStart, idEnd), Long.parseLong(body.substring(text, end)));
            at = end;
        }
        return out;
    }

    private static final String REQUEST_ID = "\"requestId\":\"";
    private static final String FIRST_TEXT = "\"firstTextNanos\":";

    void clearTimings() throws IOException, InterruptedException {
        admin.send(HttpRequest.newBuilder(endpoint.resolve(TIMINGS)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
