package io.quarkiverse.bedrock.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.buffer.Buffer;

/** Builds the event-stream frames of the emulator with the shared encoder, adding the {@code p} padding field. */
final class Frames {

    private static final String PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private Frames() {
    }

    /**
     * The real service pads every event with a {@code p} field of varying length (so that frame sizes do not reveal
     * token lengths); the emulator does the same, deterministically.
     */
    static String padding(int index, int payloadLength) {
        return PAD.substring(0, 1 + Math.floorMod(index * 17 + payloadLength, 40));
    }

    /** @return a Converse stream event frame */
    static Buffer event(StreamEvent e, int index) {
        ObjectNode payload = e.payload().deepCopy();
        payload.put("p", padding(index, payload.toString().length()));
        return EventStreamEncoder.encode(EventStreamMessage.jsonEvent(e.type(), payload.toString()));
    }

    /** @return an InvokeModelWithResponseStream {@code chunk} frame carrying the native JSON chunk */
    static Buffer chunk(ObjectNode nativeChunk, int index) {
        String b64 = Base64.getEncoder().encodeToString(nativeChunk.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode payload = Json.object().put("bytes", b64);
        payload.put("p", padding(index, b64.length()));
        return EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk", payload.toString()));
    }

    /** @return an exception frame, e.g. {@code throttlingException} */
    static Buffer exception(String exceptionType, ObjectNode payload) {
        return EventStreamEncoder.encode(EventStreamMessage.jsonException(exceptionType, payload.toString()));
    }

    /** @return the frame with its message CRC (last 4 bytes) flipped */
    static Buffer corruptCrc(Buffer frame) {
        Buffer copy = frame.copy();
        int last = copy.length() - 1;
        copy.setByte(last, (byte) (copy.getByte(last) ^ 0x5A));
        return copy;
    }
}
