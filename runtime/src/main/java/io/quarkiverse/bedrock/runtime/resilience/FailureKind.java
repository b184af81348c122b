package io.quarkiverse.bedrock.runtime.resilience;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.runtime.transport.RefusedStreamException;

/** What a failure means for a retry. */
public enum FailureKind {
    /** Retrying cannot help (a validation error, bad credentials, a misconfiguration). */
    PERMANENT,
    /** A 5xx or a lost connection: retry soon. */
    TRANSIENT,
    /** The service asked to slow down (429): retry later, and slow down. */
    THROTTLE,
    /** No answer in time: retry, at a higher quota cost. */
    TIMEOUT,
    /**
     * The server turned the request away unprocessed (an HTTP/2 stream refused, or above the last one of a GOAWAY):
     * retry on another connection, for no quota, as nothing of it reached the model.
     */
    REFUSED;

    /**
     * @param failure the failure of one attempt, before any content reached the caller
     * @return its kind
     */
    public static FailureKind of(Throwable failure) {
        if (failure instanceof BedrockServiceException e) {
            return switch (e.statusCode()) {
                case 429 -> THROTTLE;
                case 500, 502, 503, 504 -> TRANSIENT;
                default -> PERMANENT;
            };
        }
        if (failure instanceof BedrockTimeoutException e) {
            // the pool being full is the client's own saturation: another attempt would wait in the same queue
            return e.property().endsWith("connection-acquire-timeout") ? PERMANENT : TIMEOUT;
        }
        if (failure instanceof RefusedStreamException) {
            return REFUSED;
        }
        if (failure instanceof BedrockTransportException) {
            return TRANSIENT;
        }
        return PERMANENT;
    }

    /** @return whether another attempt may succeed */
    public boolean retryable() {
        return this != PERMANENT;
    }
}
