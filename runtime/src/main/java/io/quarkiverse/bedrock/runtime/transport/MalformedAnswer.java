package io.quarkiverse.bedrock.runtime.transport;

import java.nio.charset.StandardCharsets;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;

/** Describes an answer that is not what the operation returns, by what it is instead. */
public final class MalformedAnswer {

    /** Bytes of a malformed answer read to describe it. */
    static final int SAMPLE = 512;
    private static final int SHOWN = 200;

    private MalformedAnswer() {
    }

    /**
     * @param status the HTTP status
     * @param contentType the answer's content type
     * @param firstBytes its first bytes
     * @param requestId the request id, may be null
     * @return a {@code MalformedResponse} service exception naming the status, content type and first bytes
     */
    public static BedrockServiceException notAnEventStream(int status, String contentType, byte[] firstBytes,
            String requestId) {
        return new BedrockServiceException(status, "MalformedResponse",
                "Expected an event stream (application/vnd.amazon.eventstream) but the answer is " + contentType
                        + "; it begins with: " + printable(firstBytes),
                requestId);
    }

    /**
     * @param bytes the first bytes of an answer
     * @return them as text, control characters escaped, at most a few hundred characters
     */
    static String printable(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, SHOWN), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        out.append('"');
        return bytes.length > SHOWN ? out.append(" ...").toString() : out.toString();
    }
}
