package io.quarkiverse.bedrock.runtime.transport;

import io.quarkiverse.bedrock.api.error.BedrockTransportException;

/**
 * The server turned an HTTP/2 stream away before processing it: it reset the stream with {@code REFUSED_STREAM}, or
 * announced with GOAWAY that it will not process streams above one lower than this one (a server shutting down or
 * recycling the connection). Sending the request again, on another connection, is safe.
 */
public class RefusedStreamException extends BedrockTransportException {

    private static final long serialVersionUID = 1L;

    /** @param message what was refused, naming the endpoint @param cause the underlying failure */
    public RefusedStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
