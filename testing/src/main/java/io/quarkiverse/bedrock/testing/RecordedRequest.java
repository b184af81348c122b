package io.quarkiverse.bedrock.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A request the emulator received, for assertions.
 *
 * @param method the HTTP method
 * @param rawPath the path exactly as on the wire, e.g. {@code /model/anthropic.claude-v2%3A1/invoke}
 * @param modelId the decoded model id, or null when the path is not a model operation
 * @param operation the operation ({@code converse}, {@code converse-stream}, {@code invoke},
 *        {@code invoke-with-response-stream}, {@code count-tokens}), or null
 * @param headers the headers, names in lower case (first value of each)
 * @param body the body bytes
 * @param httpVersion the protocol it came over: {@code HTTP/1.1} or {@code HTTP/2}
 */
public record RecordedRequest(String method, String rawPath, String modelId, String operation,
        Map<String, String> headers, byte[] body, String httpVersion) {

    /** Freezes the headers. */
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** @return the body as UTF-8 text */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @param name a header name, any case @return its value, or null */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + rawPath + " " + httpVersion + ", " + body.length + " bytes]";
    }
}
