package io.quarkiverse.bedrock.runtime.operations;

import java.util.Map;

/**
 * The authentication headers of one request.
 *
 * @param authorization {@code Authorization}
 * @param amzDate {@code X-Amz-Date}, null for bearer keys
 * @param contentSha256 {@code x-amz-content-sha256}, null for bearer keys
 * @param securityToken {@code X-Amz-Security-Token}, null without session credentials
 */
public record SignedHeaders(String authorization, String amzDate, String contentSha256, String securityToken) {

    static SignedHeaders of(Map<String, String> headers) {
        return new SignedHeaders(headers.get("Authorization"), headers.get("X-Amz-Date"),
                headers.get("x-amz-content-sha256"), headers.get("X-Amz-Security-Token"));
    }

    @Override
    public String toString() {
        return "SignedHeaders[redacted]";
    }
}
