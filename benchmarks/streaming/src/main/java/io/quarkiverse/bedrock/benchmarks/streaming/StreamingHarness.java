package io.quarkiverse.bedrock.benchmarks.streaming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import software.amazon.awssdk.http.Protocol;

/**
 * The streaming load harness of issues 8 and 18: starts the standalone emulator as a separate process, then streams
 * ConverseStream and InvokeModelWithResponseStream (Claude's native chunks) with quarkus-bedrock and with the AWS SDK
 * v2 async client (HTTP/1.1 and its default HTTP/2), and prints, per scenario and client, CPU µs and allocated bytes
 * per text delta and the first-delta lag p50/p99 (ConverseStream only: the emulator stamps its first text frame).
 * <p>
 * Flags: {@code --emulator-jar <path>} (required), {@code --streams 200}, {@code --concurrency 50},
 * {@code --warmup 60} (rounds per client before measuring), {@code --rounds 5} (measured rounds per client),
 * {@code --fork true} (each client in its own JVM; {@code false} runs them all here, rounds interleaved); for profiling,
 * {@code --only <client names or name parts, comma-separated>} and {@code --scenario <name part>}
 * (e.g. {@code --only quarkus --scenario "ConverseStream, 50"}) run a subset (the ratio table needs both SDK clients);
 * {@code --thread-cpu true} prints
 * each round's CPU time per thread group (event loops, JIT compilers, GC).
 */
public final class StreamingHarness {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    /**
     * A load shape: the operation (ConverseStream, or InvokeModelWithResponseStream with Anthropic's native chunks),
     * emulator tokens per answer and delay between events.
     */
    record Scenario(String name, boolean invoke, int tokens, int interTokenDelayMillis) {
        List<String> emulatorFlags() {
            return List.of("--tokens", Integer.toString(tokens), "--inter-token-delay", interTokenDelayMillis + "ms");
        }
    }

    /** What the measured rounds of one client in one scenario added up to. */
    static final class Totals {
        long cpuNanos;
        /** Of {@link #cpuNanos}, the JIT compiler threads' part. */
        long jitNanos;
        long allocatedBytes;
        long deltas;
        long streams;
        final List<Long> lagNanos = new ArrayList<>();

        double cpuMicrosPerDelta() {
            return cpuNanos / 1000.0 / deltas;
        }

        double cpuMicrosPerDeltaWithoutJit() {
            return (cpuNanos - jitNanos) / 1000.0 / deltas;
        }

        double bytesPerDelta() {
            return (double) allocatedBytes / deltas;
        }

        double lagMillis(double percentile) {
            return percentileMillis(lagNanos, percentile);
        }

        String toJson() throws java.io.IOException {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var node = json.createObjectNode().put("cpuNanos", cpuNanos).put("jitNanos", jitNanos)
                    .put("allocatedBytes", allocatedBytes).put("deltas", deltas).put("streams", streams);
            lagNanos.forEach(node.putArray("lagNanos")::add);
            return json.writeValueAsString(node);
        }

        static Totals fromJson(String text) throws java.io.IOException {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            Totals t = new Totals();
            t.cpuNanos = node.path("cpuNanos").asLong();
            t.jitNanos = node.path("jitNanos").asLong();
            t.allocatedBytes = node.path("allocatedBytes").asLong();
            t.deltas = node.path("deltas").asLong();
            t.streams = node.path("streams").asLong();
            node.path("lagNanos").forEach(l -> t.lagNanos.add(l.asLong()));
            return t;
        }

        /** @return the percentile, NaN without samples (InvokeModelWithResponseStream: no lag measured) */
        static double percentileMillis(List<Long> nanos, double percentile) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
        }
    }

    private StreamingHarness() {
    }

    /** The clients under test, by report name, built on demand against an emulator. */
    static Map<String, java.util.function.Function<EmulatorProcess, StreamClient>> clients() {
        Map<String, java.util.function.Function<EmulatorProcess, StreamClient>> all = new LinkedHashMap<>();
        all.put("quarkus-bedrock HTTP/2",
                e -> new OurClient(e.endpoint(), MODEL, e.accessKeyId(), e.secretAccessKey(), true, false, false));
        all.put("quarkus-bedrock HTTP/1.1",
                e -> new OurClient(e.endpoint(), MODEL, e.accessKeyId(), e.secretAccessKey(), false, false, false));
        all.put("quarkus-bedrock HTTP/1.1 + OTel + Micrometer",
                e -> new OurClient(e.endpoint(), MODEL, e.accessKeyId(), e.secretAccessKey(), false, true, true));
        all.put("aws-sdk-v2 HTTP/1.1",
                e -> new SdkClient(e.endpoint(), MODEL, e.accessKeyId(), e.secretAccessKey(), Protocol.HTTP1_1));
        all.put("aws-sdk-v2 HTTP/2", e -> new SdkClient(e.endpoint(), MODEL, e.accessKeyId(), e.secretAccessKey(), null));
        // what each telemetry backend costs alone; only run when named
        all.put(SPANS_ONLY, e -> new OurClient(e.endpoint(), MODEL, e.accessKeyId(), e.secretAccessKey(), false, true, false));
        all.put(METERS_ONLY,
                e -> new OurClient(e.endpoint(), MODEL, e.accessKeyId(), e.secretAccessKey(), false, false, true));
        return all;
    }

    static final String SPANS_ONLY = "quarkus-bedrock HTTP/1.1 + spans only";
    static final String METERS_ONLY = "quarkus-bedrock HTTP/1.1 + meters only";

    /** @return the clients a run without {@code --only} compares: all but the single-backend telemetry variants */
    static List<String> compared() {
        return clients().keySet().stream().filter(n -> !n.equals(SPANS_ONLY) && !n.equals(METERS_ONLY)).toList();
    }

    /**
     * @param only comma-separated client names or name parts: a part equal to a name selects that client, else every
     *        compared client whose name contains it (e.g. {@code quarkus}, or {@code HTTP/2,quarkus-bedrock
     *        HTTP/1.1,aws-sdk-v2 HTTP/1.1} for every client but the telemetry variant), in the order of the parts; the
     *        single-backend telemetry variants only by their whole names
     */
    static List<String> selected(String only) {
        List<String> all = List.copyOf(clients().keySet());
        List<String> compared = compared();
        // in the order the parts name them, so that a run can swap which client goes first
        return Arrays.stream(only.split(",")).flatMap(part -> all.contains(part) ? Stream.of(part)
                : compared.stream().filter(n -> n.contains(part))).distinct().toList();
    }

    /** How one run measures: shared by the parent and the JVMs it forks. */
    record Settings(int streams, int concurrency, int warmup, int rounds, boolean threadCpu) {
        List<String> flags() {
            return List.of("--streams", Integer.toString(streams), "--concurrency", Integer.toString(concurrency),
                    "--warmup", Integer.toString(warmup), "--rounds", Integer.toString(rounds), "--thread-cpu",
                    Boolean.toString(threadCpu));
        }
    }

    public static void main(String[] args) throws Exception {
        QuarkusLogLevels.apply();
        Map<String, String> flags = flags(args);
        Settings settings = new Settings(Integer.parseInt(flags.getOrDefault("--streams", "200")),
                Integer.parseInt(flags.getOrDefault("--concurrency", "50")),
                Integer.parseInt(flags.getOrDefault("--warmup", "60")),
                Integer.parseInt(flags.getOrDefault("--rounds", "5")),
                Boolean.parseBoolean(flags.getOrDefault("--thread-cpu", "false")));
        List<Scenario> scenarios = List.of(new Scenario("ConverseStream, 200 tokens, no delay", false, 200, 0),
                new Scenario("ConverseStream, 50 tokens, 5 ms apart", false, 50, 5),
                new Scenario("InvokeModelWithResponseStream, 200 tokens, no delay", true, 200, 0),
                new Scenario("InvokeModelWithResponseStream, 50 tokens, 5 ms apart", true, 50, 5));
        if (flags.containsKey("--child")) {
            child(flags, settings, scenarios);
            return;
        }
        Path jar = Path.of(require(flags, "--emulator-jar"));
        String only = flags.get("--only");
        String scenarioFilter = flags.get("--scenario");
        boolean fork = Boolean.parseBoolean(flags.getOrDefault("--fork", "true"));
        List<String> names = only == null ? compared() : selected(only);

        Map<Scenario, Map<String, Totals>> report = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            if (scenarioFilter != null && !scenario.name().contains(scenarioFilter)) {
                continue;
            }
            System.out.printf("== %s: %d streams, %d at a time, %d warm-up + %d measured rounds per client, %s%n",
                    scenario.name(), settings.streams(), settings.concurrency(), settings.warmup(), settings.rounds(),
                    fork ? "one JVM per client" : "all clients in this JVM, rounds interleaved");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, scenario.emulatorFlags())) {
                report.put(scenario, fork ? forked(names, emulator, scenario, settings)
                        : interleaved(names, emulator, scenario, settings));
            }
        }
        System.out.println();
        System.out.println(machine());
        System.out.println();
        if (names.contains("aws-sdk-v2 HTTP/1.1") && names.contains("aws-sdk-v2 HTTP/2")) {
            System.out.print(table(report));
        }
        System.out.flush();
        // the SDK's Netty event loops and the JDK HTTP client linger as non-daemon threads after close
        System.exit(0);
    }

    /**
     * Each client in its own JVM, one after the other, so that the JIT compiles only that client's code and its CPU
     * is that client's (as JMH forks); the emulator is the same process for all.
     */
    private static Map<String, Totals> forked(List<String> names, EmulatorProcess emulator, Scenario scenario,
            Settings settings) throws Exception {
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (String name : names) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"), StreamingHarness.class.getName(),
                    "--child", name, "--child-scenario", scenario.name(), "--endpoint", emulator.endpoint().toString(),
                    "--access-key-id", emulator.accessKeyId(), "--secret-access-key", emulator.secretAccessKey()));
            command.addAll(settings.flags());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(RESULT)) {
                        totals.put(name, Totals.fromJson(line.substring(RESULT.length())));
                    } else {
                        System.out.println(line);
                    }
                }
            }
            if (p.waitFor() != 0 || !totals.containsKey(name)) {
                throw new IllegalStateException("The JVM measuring " + name + " failed (exit " + p.exitValue() + ")");
            }
        }
        return totals;
    }

    private static final String RESULT = "RESULT ";

    /** A forked JVM: measures one client against the parent's emulator and prints its totals. */
    private static void child(Map<String, String> flags, Settings settings, List<Scenario> scenarios) throws Exception {
        String name = require(flags, "--child");
        Scenario scenario = scenarios.stream().filter(s -> s.name().equals(require(flags, "--child-scenario")))
                .findFirst().orElseThrow();
        EmulatorProcess emulator = EmulatorProcess.attach(java.net.URI.create(require(flags, "--endpoint")),
                require(flags, "--access-key-id"), require(flags, "--secret-access-key"));
        Map<String, Totals> totals = interleaved(List.of(name), emulator, scenario, settings);
        System.out.println(RESULT + totals.get(name).toJson());
        System.out.flush();
        System.exit(0);
    }

    /** Every client in this JVM: warm-up rounds per client, then measured rounds interleaved between the clients. */
    private static Map<String, Totals> interleaved(List<String> names, EmulatorProcess emulator, Scenario scenario,
            Settings settings) throws Exception {
        ProcessMeter meter = new ProcessMeter();
        Map<String, java.util.function.Function<EmulatorProcess, StreamClient>> factories = clients();
        List<StreamClient> clients = names.stream().map(n -> factories.get(n).apply(emulator)).toList();
        try {
            for (StreamClient c : clients) {
                long wall = System.nanoTime();
                for (int i = 0; i < settings.warmup(); i++) {
                    LoadRound.run(c, meter, settings.streams(), settings.concurrency(), scenario);
                }
                System.out.printf(Locale.ROOT, "  warm-up %-24s %.1f s%n", c.name(), (System.nanoTime() - wall) / 1e9);
            }
            Map<String, Totals> totals = new LinkedHashMap<>();
            for (int round = 0; round < settings.rounds(); round++) {
                for (StreamClient c : clients) {
                    emulator.clearTimings();
                    long wall = System.nanoTime();
                    LoadRound.Outcome o = LoadRound.run(c, meter, settings.streams(), settings.concurrency(),
                            scenario);
                    // the emulator stamps the first text frame of ConverseStream answers only
                    Map<String, Long> writes = scenario.invoke() ? Map.of() : emulator.firstTextWrites();
                    if (!scenario.invoke() && writes.size() < o.results().size()) {
                        // the emulator stamps a write when it completes, possibly just after the client read it
                        Thread.sleep(200);
                        writes = emulator.firstTextWrites();
                    }
                    Totals t = totals.computeIfAbsent(c.name(), n -> new Totals());
                    t.cpuNanos += o.cpuNanos();
                    t.jitNanos += o.jitNanos();
                    t.allocatedBytes += o.allocatedBytes();
                    t.deltas += o.textDeltas();
                    t.streams += o.results().size();
                    List<Long> roundLags = new ArrayList<>();
                    for (StreamClient.StreamResult r : scenario.invoke() ? List.<StreamClient.StreamResult> of()
                            : o.results()) {
                        Long written = writes.get(r.requestId());
                        if (written == null || written < 0) {
                            throw new IllegalStateException("The emulator has no first-write time for request "
                                    + r.requestId());
                        }
                        t.lagNanos.add(r.firstTextNanos() - written);
                        roundLags.add(r.firstTextNanos() - written);
                    }
                    System.out.printf(Locale.ROOT,
                            "  round %d %-24s cpu %.2f us/delta, %.0f B/delta, lag p50 %.3f ms, %.1f s%n",
                            round + 1, c.name(), o.cpuNanos() / 1000.0 / o.textDeltas(),
                            (double) o.allocatedBytes() / o.textDeltas(), Totals.percentileMillis(roundLags, 50),
                            (System.nanoTime() - wall) / 1e9);
                    if (settings.threadCpu()) {
                        System.out.printf(Locale.ROOT, "    cpu ms by thread: %s%n", millis(o.cpuByThreads()));
                    }
                }
            }
            if (clients.size() == 1) {
                // one client in this JVM (forked): what it keeps while open, after its streams ended
                System.out.printf(Locale.ROOT, "  heap after GC, %s open: %.1f MB%n", clients.get(0).name(),
                        heapAfterGc() / 1e6);
            }
            return totals;
        } finally {
            for (StreamClient c : clients) {
                c.close();
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static Map<String, Long> millis(Map<String, Long> nanos) {
        Map<String, Long> ms = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue().reversed())
                .forEach(e -> ms.put(e.getKey(), e.getValue() / 1_000_000));
        return ms;
    }

    static String table(Map<Scenario, Map<String, Totals>> report) {
        StringBuilder b = new StringBuilder();
        b.append("[cols=\"2,2,>1,>1,>1,>1,>1,>1,>1\",options=\"header\"]\n|===\n");
        b.append("|Scenario |Client |CPU µs/delta |of which not JIT |B/delta |lag p50 ms |lag p99 ms "
                + "|CPU vs SDK h1 / h2 |B vs SDK h1 / h2\n");
        for (Map.Entry<Scenario, Map<String, Totals>> e : report.entrySet()) {
            Map<String, Totals> byClient = e.getValue();
            Totals h1 = byClient.get("aws-sdk-v2 HTTP/1.1");
            Totals h2 = byClient.get("aws-sdk-v2 HTTP/2");
            for (Map.Entry<String, Totals> c : byClient.entrySet()) {
                Totals t = c.getValue();
                b.append(String.format(Locale.ROOT, "|%s |%s |%.2f |%.2f |%.0f |%.3f |%.3f |%.2f / %.2f |%.2f / %.2f%n",
                        e.getKey().name(), c.getKey(), t.cpuMicrosPerDelta(), t.cpuMicrosPerDeltaWithoutJit(),
                        t.bytesPerDelta(), t.lagMillis(50),
                        t.lagMillis(99), t.cpuMicrosPerDelta() / h1.cpuMicrosPerDelta(),
                        t.cpuMicrosPerDelta() / h2.cpuMicrosPerDelta(), t.bytesPerDelta() / h1.bytesPerDelta(),
                        t.bytesPerDelta() / h2.bytesPerDelta()));
            }
        }
        b.append("|===\n");
        return b.toString();
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (Exception e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "Machine: %s, %d CPUs available to the JVM, %d MB max heap, %s %s, %s %s",
                cpu, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.version"));
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + Arrays.toString(args));
            }
            out.put(args[i], args[++i]);
        }
        return out;
    }

    private static String require(Map<String, String> flags, String name) {
        String v = flags.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }
}
