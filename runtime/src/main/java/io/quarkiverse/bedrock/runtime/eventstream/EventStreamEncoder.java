package io.quarkiverse.bedrock.runtime.eventstream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * Encodes {@link EventStreamMessage}s into event-stream frames, headers in the map's order; decoding a frame and
 * encoding the message again gives the same bytes. Stateless and thread-safe.
 */
public final class EventStreamEncoder {

    private EventStreamEncoder() {
    }

    /**
     * @param message the message
     * @return the frame: prelude, prelude CRC, headers, payload, message CRC
     * @throws EventStreamException when the message cannot be framed: a header name empty or longer than 255 bytes, a
     *         string or byte-array value longer than 65535 bytes, or a frame larger than
     *         {@link EventStreamDecoder#MAX_FRAME}
     */
    public static Buffer encode(EventStreamMessage message) {
        Map<String, HeaderValue> headers = message.headers();
        int n = headers.size();
        byte[][] names = new byte[n][];
        byte[][] values = new byte[n][];
        long headersLength = 0;
        int i = 0;
        for (Map.Entry<String, HeaderValue> e : headers.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > 255) {
                throw new EventStreamException("Cannot encode header '" + e.getKey() + "': a header name must be 1 to 255 "
                        + "UTF-8 bytes, this one is " + name.length);
            }
            HeaderValue v = e.getValue();
            byte[] variable = null;
            if (v.type() == HeaderType.STRING || v.type() == HeaderType.BYTE_ARRAY) {
                variable = v.type() == HeaderType.STRING ? ((String) v.value()).getBytes(StandardCharsets.UTF_8)
                        : (byte[]) v.value();
                if (variable.length > 0xFFFF) {
                    throw new EventStreamException("Cannot encode header '" + e.getKey()
                            + "': a string or byte-array value must be at most 65535 bytes, this one is " + variable.length);
                }
            }
            names[i] = name;
            values[i] = variable;
            headersLength += 1 + name.length + 1 + valueLength(v.type(), variable);
            i++;
        }
        int payloadLength = message.payload().length();
        long total = 12 + headersLength + payloadLength + 4;
        if (total > EventStreamDecoder.MAX_FRAME) {
            throw new EventStreamException("Cannot encode a frame of " + total + " bytes (at most "
                    + EventStreamDecoder.MAX_FRAME + ")");
        }
        // a growable Vert.x-compatible heap buffer, written in place through its backing array
        ByteBuf out = Unpooled.buffer((int) total);
        byte[] frame = out.array();
        if (out.arrayOffset() != 0 || frame.length != total) {
            frame = new byte[(int) total];
        }
        Bytes.putInt(frame, 0, (int) total);
        Bytes.putInt(frame, 4, (int) headersLength);
        CRC32 crc = new CRC32();
        crc.update(frame, 0, 8);
        Bytes.putInt(frame, 8, (int) crc.getValue());
        int p = 12;
        i = 0;
        for (HeaderValue v : headers.values()) {
            p = writeHeader(frame, p, names[i], v, values[i]);
            i++;
        }
        message.payload().getBytes(0, payloadLength, frame, p);
        p += payloadLength;
        crc.update(frame, 8, p - 8);
        Bytes.putInt(frame, p, (int) crc.getValue());
        if (frame != out.array()) {
            out.writeBytes(frame);
        } else {
            out.writerIndex((int) total);
        }
        return Buffer.buffer(out);
    }

    private static int valueLength(HeaderType type, byte[] variable) {
        return switch (type) {
            case BOOL_TRUE, BOOL_FALSE -> 0;
            case BYTE -> 1;
            case SHORT -> 2;
            case INT -> 4;
            case LONG, TIMESTAMP -> 8;
            case BYTE_ARRAY, STRING -> 2 + variable.length;
            case UUID -> 16;
        };
    }

    private static int writeHeader(byte[] frame, int p, byte[] name, HeaderValue v, byte[] variable) {
        frame[p++] = (byte) name.length;
        System.arraycopy(name, 0, frame, p, name.length);
        p += name.length;
        frame[p++] = (byte) v.type().code();
        switch (v.type()) {
            case BOOL_TRUE, BOOL_FALSE -> {
            }
            case BYTE -> frame[p++] = (Byte) v.value();
            case SHORT -> {
                short s = (Short) v.value();
                frame[p++] = (byte) (s >>> 8);
                frame[p++] = (byte) s;
            }
            case INT -> {
                Bytes.putInt(frame, p, (Integer) v.value());
                p += 4;
            }
            case LONG -> {
                Bytes.putLong(frame, p, (Long) v.value());
                p += 8;
            }
            case TIMESTAMP -> {
                Bytes.putLong(frame, p, toEpochMilli((Instant) v.value()));
                p += 8;
            }
            case UUID -> {
                UUID u = (UUID) v.value();
                Bytes.putLong(frame, p, u.getMostSignificantBits());
                Bytes.putLong(frame, p + 8, u.getLeastSignificantBits());
                p += 16;
            }
            case BYTE_ARRAY, STRING -> {
                frame[p++] = (byte) (variable.length >>> 8);
                frame[p++] = (byte) variable.length;
                System.arraycopy(variable, 0, frame, p, variable.length);
                p += variable.length;
            }
        }
        return p;
    }

    private static long toEpochMilli(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new EventStreamException("Cannot encode timestamp " + instant + ": out of the 64-bit millisecond range");
        }
    }
}
