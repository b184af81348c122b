package io.quarkiverse.bedrock.runtime.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.vertx.core.buffer.Buffer;

/**
 * One event-stream message: ordered typed headers and a payload, with accessors for the protocol headers.
 * <p>
 * The headers map is immutable and keeps wire order. A decoded message's payload may share memory with the chunk it
 * was decoded from; treat it as read-only.
 *
 * @param headers the headers, in wire order
 * @param payload the payload bytes
 */
public record EventStreamMessage(Map<String, HeaderValue> headers, Buffer payload) {

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

    /** Freezes the headers, keeping their order. */
    public EventStreamMessage {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(payload, "payload");
        headers = HeaderMap.copyOf(headers);
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
        return payload.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EventStreamMessage[headers=" + headers + ", payload=" + payload.length() + " bytes]";
    }
}
