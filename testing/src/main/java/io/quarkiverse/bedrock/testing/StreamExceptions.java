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
        switch (fault) {
            case STREAM_THROTTLING:
                return AwsError.throttling();
            case STREAM_MODEL_ERROR:
                return new AwsError(424, "ModelStreamErrorException", "The model encountered an error while streaming.");
            case STREAM_VALIDATION:
                return AwsError.validation("The model rejected the input while streaming.");
            case STREAM_INTERNAL_ERROR:
                return AwsError.internal();
            case STREAM_SERVICE_UNAVAILABLE:
                return AwsError.unavailable();
            case STREAM_MODEL_TIMEOUT:
                return new AwsError(408, "ModelTimeoutException", "The request took too long to process.");
            default:
                return null;
        }
    }

    /** @return the HTTP error a non-streaming operation answers for an exception-event fault */
    static AwsError httpError(Fault fault) {
        return fault == Fault.STREAM_MODEL_ERROR ? AwsError.modelError() : of(fault);
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
