package io.quarkiverse.bedrock.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

/**
 * The exception events Bedrock sends inside a 200 stream, one per exception-event {@link Fault}, with the HTTP error the
 * same failure gives on a non-streaming operation.
 */
final class StreamExceptions {

    private StreamExceptions() {
    }

    /** @return the error behind an exception-event fault, or null when the fault is not one */
    static AwsError of(Fault fault) {
        if (!fault.isExceptionEvent()) {
            return null;
        }
        return fault == Fault.STREAM_MODEL_ERROR
                ? new AwsError(424, "ModelStreamErrorException", "The model encountered an error while streaming.")
                : AwsError.forFault(fault);
    }

    /**
     * @param fault an exception-event fault
     * @param operation {@code converse-stream} or {@code invoke-with-response-stream}
     * @return whether the operation's stream union has that exception event (ConverseStream has no
     *         {@code modelTimeoutException})
     */
    static boolean inUnion(Fault fault, String operation) {
        return fault != Fault.STREAM_MODEL_TIMEOUT || operation.equals("invoke-with-response-stream");
    }

    /** @return the exception frame, e.g. {@code :exception-type throttlingException} with a {@code message} payload */
    static Buffer frame(Fault fault) {
        AwsError error = of(fault);
        ObjectNode payload = Json.object().put("message", error.message());
        if (fault == Fault.STREAM_MODEL_ERROR) {
            payload.put("originalStatusCode", 500).put("originalMessage", "Model stream error");
        }
        String type = Character.toLowerCase(error.type().charAt(0)) + error.type().substring(1);
        return Frames.exception(type, payload);
    }
}
