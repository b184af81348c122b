package io.quarkiverse.bedrock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.auth.PercentEncoding;
import io.vertx.core.buffer.Buffer;

/**
 * One recorded exchange in the {@code reqllm} fixture format: the request URL and the response status, headers and
 * either the JSON body or the raw network reads of the event stream ({@code chunks[].b64}).
 *
 * @param file where it was read from
 * @param modelId the model id of the recorded request (decoded)
 * @param operation the operation, e.g. {@code converse-stream}
 * @param scenario the file name without {@code .json}, e.g. {@code streaming}
 * @param status the recorded HTTP status
 * @param headers the recorded response headers worth replaying (content type, request id, Bedrock headers)
 * @param body the recorded body: the stream bytes, or the JSON body
 * @param reads the stream as recorded, one buffer per network read; empty for a JSON answer
 */
record ReplayFixture(Path file, String modelId, String operation, String scenario, int status,
        Map<String, String> headers, Buffer body, List<Buffer> reads) {

    private static final Set<String> SKIPPED_HEADERS = Set.of("connection", "transfer-encoding", "date",
            "content-length", "keep-alive");

    /** @return whether the recorded answer is an event stream */
    boolean isStream() {
        return !reads.isEmpty();
    }

    /**
     * @param file a fixture file
     * @return the fixture
     * @throws IllegalArgumentException when the file is not a reqllm fixture
     */
    static ReplayFixture load(Path file) {
        if (file.getFileName().toString().matches("\\d+\\.request\\.json")) {
            return loadRecorded(file);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read replay fixture " + file, e);
        }
        JsonNode url = root.path("request").path("url");
        JsonNode response = root.path("response");
        if (!url.isTextual() || !response.isObject()) {
            throw new IllegalArgumentException(file + " is not a reqllm fixture (no request.url or response)");
        }
        String path = url.asText().replaceFirst("^[a-zA-Z]+://[^/]+", "");
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] segments = path.split("/");
        String operation = segments[segments.length - 1];
        String modelId = modelId(segments);
        Map<String, String> headers = replayedHeaders(response);
        List<Buffer> reads = new ArrayList<>();
        for (JsonNode c : root.path("chunks")) {
            reads.add(Buffer.buffer(Base64.getDecoder().decode(c.path("b64").asText())));
        }
        Buffer body = Buffer.buffer();
        if (!reads.isEmpty()) {
            reads.forEach(body::appendBuffer);
        } else if (!response.path("body").isNull() && !response.path("body").isMissingNode()) {
            body.appendString(response.get("body").toString());
        }
        String name = file.getFileName().toString();
        String scenario = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return new ReplayFixture(file, modelId, operation, scenario, response.path("status").asInt(200), headers,
                body, reads);
    }

    /**
     * Loads one exchange of the {@code bedrock-recorded} format: {@code NN.request.json} (with {@code raw_path}),
     * {@code NN.response.json} (status, headers as lists, {@code body_file}) and the body file ({@code .json}, or
     * {@code .bin} for an event stream, replayed as one read).
     */
    private static ReplayFixture loadRecorded(Path requestFile) {
        String prefix = requestFile.getFileName().toString().replace(".request.json", "");
        try {
            JsonNode request = Json.MAPPER.readTree(Files.readAllBytes(requestFile));
            JsonNode response = Json.MAPPER.readTree(Files.readAllBytes(requestFile.resolveSibling(prefix + ".response.json")));
            String[] segments = request.path("raw_path").asText().split("/");
            String operation = segments[segments.length - 1];
            String modelId = modelId(segments);
            Map<String, String> headers = replayedHeaders(response);
            Buffer body = Buffer.buffer(Files.readAllBytes(requestFile.resolveSibling(response.path("body_file").asText())));
            boolean stream = response.path("content_type").asText().contains("eventstream");
            return new ReplayFixture(requestFile, modelId, operation, prefix, response.path("status").asInt(200), headers,
                    body, stream ? List.of(body) : List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read recorded exchange " + requestFile, e);
        }
    }

    /** @return the decoded model id of a {@code /model/<id>/<operation>} path's segments, or "" for another path */
    private static String modelId(String[] pathSegments) {
        return pathSegments.length >= 4 && pathSegments[1].equals("model") ? PercentEncoding.decode(pathSegments[2]) : "";
    }

    /**
     * @return the recorded response headers to replay, names in lower case, the first value of a list, without
     *         {@link #SKIPPED_HEADERS}
     */
    private static Map<String, String> replayedHeaders(JsonNode response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(e -> {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            JsonNode v = e.getValue();
            if (!SKIPPED_HEADERS.contains(name)) {
                headers.put(name, v.isArray() ? (v.isEmpty() ? "" : v.get(0).asText()) : v.asText());
            }
        });
        return headers;
    }

    /**
     * @param dir a directory of fixtures (searched recursively)
     * @return every fixture in it, in path order; files that are not fixtures are skipped
     */
    static List<ReplayFixture> scan(Path dir) {
        List<ReplayFixture> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> {
                try {
                    out.add(load(p));
                } catch (IllegalArgumentException e) {
                    // not a fixture: ignore
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list replay fixtures in " + dir, e);
        }
        return out;
    }
}
