package io.quarkiverse.bedrock.runtime.eventstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;

/**
 * One event-stream message: ordered typed headers and a payload, with accessors for the protocol headers.
 * <p>
 * The headers map is immutable and keeps wire order. A decoded message's payload may share memory with the chunk it
 * was decoded from; treat it as read-only.
 * <p>
 * A decoded payload stays where the decoder found it until {@link #payload()} is called: {@link #readPayload} reads it
 * in place, so that the event of every frame does not cost a slice and a buffer object on top of the message (about 70
 * of the 100 bytes the decoder allocated per frame).
 */
public final class EventStreamMessage {

    /** Header naming the kind of message: {@code event}, {@code exception} or {@code error}. */
    public static final String MESSAGE_TYPE = ":message-type";
    /** Header naming the event of an {@code event} message. */
    public static final String EVENT_TYPE = ":event-type";
    /** Header naming the modelled exception of an {@code exception} message. */
    public static final String EXCEPTION_TYPE = ":exception-type";
    /** Header with the error code of an {@code error} message. */
    public static final String ERROR_CODE = ":error-code";
    /** Header with the error message of an {@code error} message. */
    public static final String ERROR_MESSAGE = ":error-message";
    /** Header with the payload's media type. */
    public static final String CONTENT_TYPE = ":content-type";

    private final Map<String, HeaderValue> headers;
    /** The payload as a buffer: given, or made from {@link #source} on the first {@link #payload()} call. */
    private Buffer payload;
    /** A heap buffer holding a decoded payload at {@link #index}, or null when {@link #payload} was given. */
    private final ByteBuf source;
    private final int index;
    private final int length;

    /**
     * @param headers the headers, in wire order; copied unless already the decoder's immutable map
     * @param payload the payload bytes
     */
    public EventStreamMessage(Map<String, HeaderValue> headers, Buffer payload) {
        Objects.requireNonNull(headers, "headers");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.headers = HeaderMap.copyOf(headers);
        this.source = null;
        this.index = 0;
        this.length = payload.length();
    }

    /**
     * A decoded message whose payload lies in a heap buffer (a network read), not copied.
     *
     * @param source holds the payload at {@code [index, index + length)}; must have an array
     */
    EventStreamMessage(HeaderMap headers, ByteBuf source, int index, int length) {
        this.headers = headers;
        this.source = source;
        this.index = index;
        this.length = length;
    }

    /** @return the headers, in wire order */
    public Map<String, HeaderValue> headers() {
        return headers;
    }

    /** @return the payload bytes (for a decoded message, a view of the chunk it was decoded from, made once) */
    public Buffer payload() {
        Buffer p = payload;
        if (p == null) {
            p = Buffer.buffer(source.slice(index, length));
            payload = p;
        }
        return p;
    }

    /** @return the payload's length in bytes */
    public int payloadLength() {
        return length;
    }

    /**
     * Reads the payload where it is, without a buffer object: in the decoder's chunk for a decoded message; a payload
     * not held in one array (one split across many chunks) is copied first.
     *
     * @param reader receives the payload's array, offset and length; must neither modify nor keep the array
     * @param <R> what the reader returns
     * @return what the reader returned
     * @throws IOException when the reader does
     */
    public <R> R readPayload(PayloadReader<R> reader) throws IOException {
        if (source != null) {
            return reader.read(source.array(), source.arrayOffset() + index, length);
        }
        ByteBuf bytes = payload instanceof BufferImpl b ? b.byteBuf() : payload.getByteBuf();
        if (bytes.hasArray()) {
            return reader.read(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        byte[] copy = payload.getBytes();
        return reader.read(copy, 0, copy.length);
    }

    /**
     * Receives a payload in place ({@link #readPayload}).
     *
     * @param <R> what it returns
     */
    @FunctionalInterface
    public interface PayloadReader<R> {
        /**
         * @param array holds the payload; read-only
         * @param offset the payload's first byte in {@code array}
         * @param length the payload's length
         * @return the result
         * @throws IOException when reading fails
         */
        R read(byte[] array, int offset, int length) throws IOException;
    }

    /**
     * An {@code event} message with a JSON payload, as Bedrock sends them.
     *
     * @param eventType the {@code :event-type}
     * @param json the payload
     * @return the message
     */
    public static EventStreamMessage jsonEvent(String eventType, String json) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(EVENT_TYPE, HeaderValue.string(eventType));
        h.put(CONTENT_TYPE, HeaderValue.string("application/json"));
        h.put(MESSAGE_TYPE, HeaderValue.string("event"));
        return new EventStreamMessage(h, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An {@code exception} message, as Bedrock sends a modelled error inside a stream.
     *
     * @param exceptionType the {@code :exception-type}, e.g. {@code throttlingException}
     * @param json the payload, e.g. {@code {"message":"..."}}
     * @return the message
     */
    public static EventStreamMessage jsonException(String exceptionType, String json) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(EXCEPTION_TYPE, HeaderValue.string(exceptionType));
        h.put(CONTENT_TYPE, HeaderValue.string("application/json"));
        h.put(MESSAGE_TYPE, HeaderValue.string("exception"));
        return new EventStreamMessage(h, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String stringHeader(String name) {
        HeaderValue v = headers.get(name);
        return v == null ? null : v.asString();
    }

    /** @return {@code event}, {@code exception}, {@code error}, or null when absent or not a string */
    public String messageType() {
        return stringHeader(MESSAGE_TYPE);
    }

    /** @return the {@code :event-type}, or null */
    public String eventType() {
        return stringHeader(EVENT_TYPE);
    }

    /** @return the {@code :exception-type}, or null */
    public String exceptionType() {
        return stringHeader(EXCEPTION_TYPE);
    }

    /** @return the {@code :error-code}, or null */
    public String errorCode() {
        return stringHeader(ERROR_CODE);
    }

    /** @return the {@code :error-message}, or null */
    public String errorMessage() {
        return stringHeader(ERROR_MESSAGE);
    }

    /** @return the {@code :content-type}, or null */
    public String contentType() {
        return stringHeader(CONTENT_TYPE);
    }

    /**
     * Checks the message against the rules a client must enforce on a response stream: {@code :message-type} is a
     * string naming a {@link MessageType}; an event has a string {@code :event-type}; an exception has a string
     * {@code :exception-type}; an error has a string {@code :error-code}.
     *
     * @return the message type
     * @throws EventStreamException when a rule is broken
     */
    MessageType checkedType() {
        String typeName = requireString(MESSAGE_TYPE, "every message");
        MessageType type = MessageType.fromWireName(typeName);
        if (type == null) {
            throw new EventStreamException(
                    "Unknown " + MESSAGE_TYPE + " '" + typeName + "' (expected event, exception or error)");
        }
        switch (type) {
            case EVENT -> requireString(EVENT_TYPE, "an event message");
            case EXCEPTION -> requireString(EXCEPTION_TYPE, "an exception message");
            case ERROR -> requireString(ERROR_CODE, "an error message");
        }
        return type;
    }

    private String requireString(String name, String who) {
        HeaderValue v = headers.get(name);
        if (v == null) {
            throw new EventStreamException("Missing " + name + " header: " + who + " must have one");
        }
        if (v.type() != HeaderType.STRING) {
            throw new EventStreamException(
                    "Malformed " + name + " header: must be a string, but is of type " + v.type());
        }
        return (String) v.value();
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadAsString() {
        if (source != null) {
            return new String(source.array(), source.arrayOffset() + index, length, StandardCharsets.UTF_8);
        }
        return payload.toString(StandardCharsets.UTF_8);
    }

    /** @return whether {@code o} is a message with equal headers and the same payload bytes */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof EventStreamMessage m && headers.equals(m.headers) && payload().equals(m.payload());
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + payload().hashCode();
    }

    @Override
    public String toString() {
        return "EventStreamMessage[headers=" + headers + ", payload=" + length + " bytes]";
    }
}
