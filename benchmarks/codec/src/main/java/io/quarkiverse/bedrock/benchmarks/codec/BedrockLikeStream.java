package io.quarkiverse.bedrock.benchmarks.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.eventstream.HeaderValue;
import io.vertx.core.buffer.Buffer;

/**
 * A pre-encoded ConverseStream-like response body: {@code contentBlockDelta} events with the three headers Bedrock
 * sends ({@code :event-type}, {@code :content-type}, {@code :message-type}) and JSON payloads of an exact size, enough
 * frames to make about {@value #TARGET_BYTES} bytes, cut into network chunks of a fixed size. Every decoder of the
 * benchmark is fed these same bytes.
 */
final class BedrockLikeStream {

    /** About how many bytes one stream holds; whole frames, so a little more. */
    static final int TARGET_BYTES = 1 << 20;

    static final String EVENT_TYPE = "contentBlockDelta";

    private static final String JSON_HEAD = "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"";
    private static final String JSON_TAIL = "\"},\"p\":\"abcdefghijklmnopqrstuvwxyz\"}";
    private static final String WORDS = "The quick brown fox jumps over the lazy dog. ";

    /** The whole body. */
    final byte[] body;
    /** How many frames the body holds. */
    final int frames;
    /** The body cut into chunks, each its own array (as a network read gives them). */
    final byte[][] chunks;

    private BedrockLikeStream(byte[] body, int frames, byte[][] chunks) {
        this.body = body;
        this.frames = frames;
        this.chunks = chunks;
    }

    /**
     * @param payloadSize payload bytes per frame (at least the size of the JSON envelope, 71 bytes)
     * @param chunkSize bytes per network chunk (the last one may be shorter)
     * @return the stream
     */
    static BedrockLikeStream of(int payloadSize, int chunkSize) {
        byte[] frame = frame(payloadSize);
        int frames = (TARGET_BYTES + frame.length - 1) / frame.length;
        byte[] body = new byte[frames * frame.length];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(frame, 0, body, i * frame.length, frame.length);
        }
        byte[][] chunks = new byte[(body.length + chunkSize - 1) / chunkSize][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = Arrays.copyOfRange(body, i * chunkSize, Math.min(body.length, (i + 1) * chunkSize));
        }
        return new BedrockLikeStream(body, frames, chunks);
    }

    /** @return how many frames a stream of this payload size holds (the same for every chunk size) */
    static int framesPerStream(int payloadSize) {
        int frameLength = frame(payloadSize).length;
        return (TARGET_BYTES + frameLength - 1) / frameLength;
    }

    /** @return how many bytes a stream of this payload size holds (the same for every chunk size) */
    static int bytesPerStream(int payloadSize) {
        return framesPerStream(payloadSize) * frame(payloadSize).length;
    }

    /** @return the JSON payload text of a frame, exactly {@code size} bytes */
    static byte[] payload(int size) {
        int textLength = size - JSON_HEAD.length() - JSON_TAIL.length();
        if (textLength < 0) {
            throw new IllegalArgumentException("payload size " + size + " is smaller than the JSON envelope ("
                    + (JSON_HEAD.length() + JSON_TAIL.length()) + " bytes)");
        }
        StringBuilder json = new StringBuilder(size).append(JSON_HEAD);
        for (int i = 0; i < textLength; i++) {
            json.append(WORDS.charAt(i % WORDS.length()));
        }
        byte[] payload = json.append(JSON_TAIL).toString().getBytes(StandardCharsets.US_ASCII);
        if (payload.length != size) {
            throw new IllegalStateException("payload is " + payload.length + " bytes, wanted " + size);
        }
        return payload;
    }

    private static byte[] frame(int payloadSize) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(EventStreamMessage.EVENT_TYPE, HeaderValue.string(EVENT_TYPE));
        headers.put(EventStreamMessage.CONTENT_TYPE, HeaderValue.string("application/json"));
        headers.put(EventStreamMessage.MESSAGE_TYPE, HeaderValue.string("event"));
        return EventStreamEncoder.encode(new EventStreamMessage(headers, Buffer.buffer(payload(payloadSize)))).getBytes();
    }
}
