package io.quarkiverse.bedrock.api.speech;

import io.quarkiverse.bedrock.api.error.ModelTimeoutException;

/**
 * A speech session reached its time cap: the client's {@link SpeechSessionRequest#sessionCap()} or the service's own
 * limit (8 minutes), reported by the service as a {@code modelTimeoutException} event.
 */
public class SpeechSessionTimeoutException extends ModelTimeoutException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what to do
     * @param requestId the request id of the session, may be null
     */
    public SpeechSessionTimeoutException(String message, String requestId) {
        super(408, message, requestId);
    }
}
