package io.quarkiverse.bedrock.runtime.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** One case of the official SigV4 test suite ({@code sigv4/v4/<case>/}), read from its files. */
record SigV4SuiteCase(String name, Path dir, JsonNode context, String method, String path, String rawQuery,
        List<Map.Entry<String, String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SigV4SuiteCase read(Path dir) {
        try {
            JsonNode context = JSON.readTree(dir.resolve("context.json").toFile());
            byte[] raw = Files.readAllBytes(dir.resolve("request.txt"));
            String text = new String(raw, StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\n\n");
            String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
            byte[] body = headerEnd < 0 ? new byte[0]
                    : Arrays.copyOfRange(raw, head.getBytes(StandardCharsets.UTF_8).length + 2, raw.length);
            String[] lines = head.split("\n");
            String requestLine = lines[0];
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? "" : target.substring(q + 1);
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !headers.isEmpty()) {
                    // folded header value (get-header-value-multiline)
                    headers.get(headers.size() - 1)[1] += "\n" + line;
                } else {
                    int colon = line.indexOf(':');
                    headers.add(new String[] { line.substring(0, colon), line.substring(colon + 1) });
                }
            }
            List<Map.Entry<String, String>> entries = new ArrayList<>();
            headers.forEach(h -> entries.add(Map.entry(h[0], h[1])));
            return new SigV4SuiteCase(dir.getFileName().toString(), dir, context, method, path, query, entries, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String expected(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the headers of {@code header-signed-request.txt} by name (last one wins), without the request line */
    Map<String, String> expectedSignedHeaders() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : expected("header-signed-request.txt").split("\n\n")[0].split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith(" ") && !line.startsWith("\t") && !line.contains(" HTTP/1.1")) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    List<Map.Entry<String, String>> decodedQuery() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.add(Map.entry(PercentEncoding.decode(eq < 0 ? pair : pair.substring(0, eq)),
                    PercentEncoding.decode(eq < 0 ? "" : pair.substring(eq + 1))));
        }
        return out;
    }

    AwsCredentialsIdentity credentials() {
        JsonNode c = context.get("credentials");
        String ak = c.get("access_key_id").asText();
        String sk = c.get("secret_access_key").asText();
        return c.hasNonNull("token") ? AwsSessionCredentialsIdentity.create(ak, sk, c.get("token").asText())
                : AwsCredentialsIdentity.create(ak, sk);
    }

    Instant time() {
        return Instant.parse(context.get("timestamp").asText());
    }

    boolean normalize() {
        return context.get("normalize").asBoolean();
    }

    boolean signBody() {
        return context.path("sign_body").asBoolean(false);
    }

    boolean omitSessionToken() {
        return context.path("omit_session_token").asBoolean(false);
    }

    String region() {
        return context.get("region").asText();
    }

    String service() {
        return context.get("service").asText();
    }
}
