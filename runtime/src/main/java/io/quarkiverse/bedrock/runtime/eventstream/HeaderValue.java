package io.quarkiverse.bedrock.runtime.eventstream;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A typed event-stream header value.
 *
 * @param type the wire type
 * @param value the value: {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@code byte[]},
 *        {@link String}, {@link Instant} or {@link java.util.UUID}
 */
public record HeaderValue(HeaderType type, Object value) {

    /** Checks that the value's Java type fits the wire type. */
    public HeaderValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Class<?> expected = switch (type) {
            case BOOL_TRUE, BOOL_FALSE -> Boolean.class;
            case BYTE -> Byte.class;
            case SHORT -> Short.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case BYTE_ARRAY -> byte[].class;
            case STRING -> String.class;
            case TIMESTAMP -> Instant.class;
            case UUID -> UUID.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(
                    type + " header needs a " + expected.getSimpleName() + " value, got " + value.getClass().getName());
        }
    }

    /** @param s a string @return a string header value */
    public static HeaderValue string(String s) {
        return new HeaderValue(HeaderType.STRING, s);
    }

    /** @param b a boolean @return a boolean header value */
    public static HeaderValue bool(boolean b) {
        return new HeaderValue(b ? HeaderType.BOOL_TRUE : HeaderType.BOOL_FALSE, b);
    }

    /** @return the value as a string when it is a string header, else null */
    public String asString() {
        return type == HeaderType.STRING ? (String) value : null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeaderValue other) || other.type != type) {
            return false;
        }
        return value instanceof byte[] a ? Arrays.equals(a, (byte[]) other.value) : value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + (value instanceof byte[] a ? Arrays.hashCode(a) : value.hashCode());
    }

    @Override
    public String toString() {
        return value instanceof byte[] a ? type + ":" + a.length + " bytes" : type + ":" + value;
    }
}
