package io.quarkiverse.bedrock.api.error;

import java.time.Duration;
import java.util.Optional;

/**
 * An error answered by Bedrock (or an endpoint speaking its protocol). Subclasses name the AWS error type; this class
 * itself is used for types this version does not know.
 */
public class BedrockServiceException extends BedrockException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorType;
    private final String requestId;
    private transient Duration retryAfter;

    /**
     * @param statusCode HTTP status of the answer
     * @param errorType AWS error type, e.g. {@code ThrottlingException}
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public BedrockServiceException(int statusCode, String errorType, String message, String requestId) {
        super(errorType + " (HTTP " + statusCode + (requestId == null ? "" : ", request id " + requestId) + "): " + message);
        this.statusCode = statusCode;
        this.errorType = errorType;
        this.requestId = requestId;
    }

    /** @return the HTTP status of the answer */
    public int statusCode() {
        return statusCode;
    }

    /** @return the AWS error type, e.g. {@code ValidationException} */
    public String errorType() {
        return errorType;
    }

    /** @return the AWS request id, or null when the answer had none */
    public String requestId() {
        return requestId;
    }

    /** @return true when retrying the same request later may succeed (throttling, 5xx, timeouts) */
    public boolean isRetryable() {
        return statusCode == 429 || statusCode >= 500 || statusCode == 408;
    }

    /**
     * @return how long the service asked to wait before retrying ({@code x-amz-retry-after} or {@code Retry-After}),
     *         when it said
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Records the wait the service asked for; called by the client when it reads the answer.
     *
     * @param wait the wait, null for none
     * @return this exception
     */
    public BedrockServiceException withRetryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }
}
