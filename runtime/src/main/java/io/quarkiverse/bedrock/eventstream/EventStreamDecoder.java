package io.quarkiverse.bedrock.eventstream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import io.vertx.core.buffer.Buffer;

/**
 * Incremental event-stream decoder: one instance per stream, fed network chunks of any size in order.
 * Not thread-safe.
 */
public final class EventStreamDecoder {

    /** Smallest possible frame: prelude (12 bytes) and message CRC (4 bytes). */
    public static final int MIN_FRAME = 16;
    /** Largest frame accepted; larger declared lengths are rejected before any allocation. */
    public static final int MAX_FRAME = 16 * 1024 * 1024;

    private Buffer pending = Buffer.buffer();
    private long consumed;

    /**
     * @param chunk the next bytes of the stream
     * @return every message completed by these bytes, possibly none
     * @throws EventStreamException when a frame is malformed
     */
    public List<EventStreamMessage> feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        List<EventStreamMessage> out = new ArrayList<>(1);
        int pos = 0;
        while (pending.length() - pos >= 12) {
            int total = pending.getInt(pos);
            int headersLength = pending.getInt(pos + 4);
            CRC32 crc = new CRC32();
            crc.update(pending.getBytes(pos, pos + 8));
            if ((int) crc.getValue() != pending.getInt(pos + 8)) {
                throw new EventStreamException("Prelude checksum mismatch", consumed + pos);
            }
            if (total < MIN_FRAME || total > MAX_FRAME || headersLength < 0 || headersLength > total - MIN_FRAME) {
                throw new EventStreamException("Invalid frame lengths: total " + total + ", headers " + headersLength,
                        consumed + pos);
            }
            if (pending.length() - pos < total) {
                break;
            }
            crc.reset();
            crc.update(pending.getBytes(pos, pos + total - 4));
            if ((int) crc.getValue() != pending.getInt(pos + total - 4)) {
                throw new EventStreamException("Message checksum mismatch", consumed + pos);
            }
            Map<String, HeaderValue> headers = readHeaders(pending, pos + 12, pos + 12 + headersLength, consumed + pos);
            Buffer payload = pending.getBuffer(pos + 12 + headersLength, pos + total - 4);
            out.add(new EventStreamMessage(headers, payload));
            pos += total;
        }
        if (pos > 0) {
            pending = pending.getBuffer(pos, pending.length());
            consumed += pos;
        }
        return out;
    }

    /**
     * Signals the end of the stream.
     *
     * @throws EventStreamException when the stream ended inside a frame
     */
    public void complete() {
        if (pending.length() > 0) {
            throw new EventStreamException("Stream ended inside a frame (" + pending.length() + " bytes pending)", consumed);
        }
    }

    private static Map<String, HeaderValue> readHeaders(Buffer b, int start, int end, long frameOffset) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        int p = start;
        try {
            while (p < end) {
                int nameLength = b.getUnsignedByte(p++);
                String name = b.getString(p, p + nameLength, "UTF-8");
                p += nameLength;
                HeaderType type = HeaderType.fromCode(b.getUnsignedByte(p++));
                if (type == null) {
                    throw new EventStreamException("Unknown header type " + b.getUnsignedByte(p - 1), frameOffset);
                }
                Object value;
                switch (type) {
                    case BOOL_TRUE -> value = Boolean.TRUE;
                    case BOOL_FALSE -> value = Boolean.FALSE;
                    case BYTE -> value = b.getByte(p++);
                    case SHORT -> {
                        value = b.getShort(p);
                        p += 2;
                    }
                    case INT -> {
                        value = b.getInt(p);
                        p += 4;
                    }
                    case LONG -> {
                        value = b.getLong(p);
                        p += 8;
                    }
                    case BYTE_ARRAY, STRING -> {
                        int len = b.getUnsignedShort(p);
                        p += 2;
                        byte[] bytes = b.getBytes(p, p + len);
                        p += len;
                        value = type == HeaderType.STRING ? new String(bytes, StandardCharsets.UTF_8) : bytes;
                    }
                    case TIMESTAMP -> {
                        value = Instant.ofEpochMilli(b.getLong(p));
                        p += 8;
                    }
                    case UUID -> {
                        value = new UUID(b.getLong(p), b.getLong(p + 8));
                        p += 16;
                    }
                    default -> throw new IllegalStateException();
                }
                if (p > end) {
                    throw new EventStreamException("Header '" + name + "' runs past the headers section", frameOffset);
                }
                headers.put(name, new HeaderValue(type, value));
            }
        } catch (IndexOutOfBoundsException e) {
            throw new EventStreamException("Headers section is truncated", frameOffset);
        }
        return headers;
    }
}
