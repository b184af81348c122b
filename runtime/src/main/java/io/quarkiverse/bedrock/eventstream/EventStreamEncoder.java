package io.quarkiverse.bedrock.eventstream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import io.vertx.core.buffer.Buffer;

/** Encodes {@link EventStreamMessage}s into event-stream frames. Stateless and thread-safe. */
public final class EventStreamEncoder {

    private EventStreamEncoder() {
    }

    /**
     * @param message the message
     * @return the frame: prelude, prelude CRC, headers, payload, message CRC
     */
    public static Buffer encode(EventStreamMessage message) {
        Buffer headers = Buffer.buffer();
        for (Map.Entry<String, HeaderValue> e : message.headers().entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                throw new IllegalArgumentException("Header name longer than 255 bytes: " + e.getKey());
            }
            headers.appendByte((byte) name.length).appendBytes(name);
            HeaderValue v = e.getValue();
            headers.appendByte((byte) v.type().code());
            switch (v.type()) {
                case BOOL_TRUE, BOOL_FALSE -> {
                }
                case BYTE -> headers.appendByte((Byte) v.value());
                case SHORT -> headers.appendShort((Short) v.value());
                case INT -> headers.appendInt((Integer) v.value());
                case LONG -> headers.appendLong((Long) v.value());
                case BYTE_ARRAY -> appendSized(headers, (byte[]) v.value());
                case STRING -> appendSized(headers, ((String) v.value()).getBytes(StandardCharsets.UTF_8));
                case TIMESTAMP -> headers.appendLong(((Instant) v.value()).toEpochMilli());
                case UUID -> {
                    UUID u = (UUID) v.value();
                    headers.appendLong(u.getMostSignificantBits()).appendLong(u.getLeastSignificantBits());
                }
            }
        }
        int total = 12 + headers.length() + message.payload().length() + 4;
        Buffer frame = Buffer.buffer(total);
        frame.appendInt(total).appendInt(headers.length());
        CRC32 crc = new CRC32();
        crc.update(frame.getBytes(0, 8));
        frame.appendInt((int) crc.getValue());
        frame.appendBuffer(headers).appendBuffer(message.payload());
        crc.reset();
        crc.update(frame.getBytes());
        frame.appendInt((int) crc.getValue());
        return frame;
    }

    private static void appendSized(Buffer out, byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("Header value longer than 65535 bytes");
        }
        out.appendShort((short) bytes.length).appendBytes(bytes);
    }
}
