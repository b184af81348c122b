package io.quarkiverse.bedrock.runtime.eventstream;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Decodes the headers section of a frame that has already passed both checksums. Holds no state of its own (its caches
 * are shared by all decoders and thread-safe).
 */
final class HeaderDecoder {

    private static final HeaderValue TRUE = new HeaderValue(HeaderType.BOOL_TRUE, Boolean.TRUE);
    private static final HeaderValue FALSE = new HeaderValue(HeaderType.BOOL_FALSE, Boolean.FALSE);

    private final HeaderStringCache cache = HeaderStringCache.SHARED;
    private final HeaderSectionCache sections = HeaderSectionCache.SHARED;

    /**
     * @param a the bytes
     * @param start index of the first header byte in {@code a}
     * @param length the headers length from the prelude
     * @param streamOffset stream offset of {@code a[start]}, for error messages
     * @param frameOffset stream offset of the frame, for error messages
     * @return the headers in wire order
     */
    HeaderMap decode(byte[] a, int start, int length, long streamOffset, long frameOffset) {
        if (length == 0) {
            return HeaderMap.EMPTY;
        }
        if (length > HeaderSectionCache.MAX_LENGTH) {
            return parse(a, start, length, streamOffset, frameOffset);
        }
        HeaderMap seen = sections.find(a, start, length);
        if (seen != null) {
            return seen;
        }
        HeaderMap headers = parse(a, start, length, streamOffset, frameOffset);
        if (!headers.hasByteArrayValue()) {
            sections.remember(a, start, length, headers);
        }
        return headers;
    }

    private HeaderMap parse(byte[] a, int start, int length, long streamOffset, long frameOffset) {
        Object[] kv = new Object[8];
        int n = 0;
        int p = start;
        int end = start + length;
        while (p < end) {
            int headerStart = p;
            int nameLength = a[p++] & 0xFF;
            if (nameLength == 0) {
                throw fail("Header name is empty (names must be 1 to 255 bytes)", headerStart, start, streamOffset,
                        frameOffset);
            }
            if (end - p < nameLength + 1) {
                throw fail("Header name runs past the end of the headers section", headerStart, start, streamOffset,
                        frameOffset);
            }
            String name = cache.string(a, p, nameLength);
            p += nameLength;
            int typeCode = a[p++] & 0xFF;
            int available = end - p;
            HeaderValue value;
            switch (typeCode) {
                case 0:
                    value = TRUE;
                    break;
                case 1:
                    value = FALSE;
                    break;
                case 2:
                    need(1, available, name, headerStart, start, streamOffset, frameOffset);
                    value = new HeaderValue(HeaderType.BYTE, a[p]);
                    p += 1;
                    break;
                case 3:
                    need(2, available, name, headerStart, start, streamOffset, frameOffset);
                    value = new HeaderValue(HeaderType.SHORT, (short) ((a[p] << 8) | (a[p + 1] & 0xFF)));
                    p += 2;
                    break;
                case 4:
                    need(4, available, name, headerStart, start, streamOffset, frameOffset);
                    value = new HeaderValue(HeaderType.INT, Bytes.getInt(a, p));
                    p += 4;
                    break;
                case 5:
                    need(8, available, name, headerStart, start, streamOffset, frameOffset);
                    value = new HeaderValue(HeaderType.LONG, Bytes.getLong(a, p));
                    p += 8;
                    break;
                case 6:
                case 7: {
                    need(2, available, name, headerStart, start, streamOffset, frameOffset);
                    int valueLength = ((a[p] & 0xFF) << 8) | (a[p + 1] & 0xFF);
                    p += 2;
                    need(valueLength, available - 2, name, headerStart, start, streamOffset, frameOffset);
                    value = typeCode == 7 ? cache.stringValue(a, p, valueLength)
                            : new HeaderValue(HeaderType.BYTE_ARRAY, Arrays.copyOfRange(a, p, p + valueLength));
                    p += valueLength;
                    break;
                }
                case 8:
                    need(8, available, name, headerStart, start, streamOffset, frameOffset);
                    value = new HeaderValue(HeaderType.TIMESTAMP, Instant.ofEpochMilli(Bytes.getLong(a, p)));
                    p += 8;
                    break;
                case 9:
                    need(16, available, name, headerStart, start, streamOffset, frameOffset);
                    value = new HeaderValue(HeaderType.UUID, new UUID(Bytes.getLong(a, p), Bytes.getLong(a, p + 8)));
                    p += 16;
                    break;
                default:
                    throw fail("Unknown header type " + typeCode + " for header '" + name + "' (known types are 0 to 9)",
                            p - 1, start, streamOffset, frameOffset);
            }
            for (int i = 0; i < n; i++) {
                if (name.equals(kv[2 * i])) {
                    throw fail("Duplicate header '" + name + "' (a header name must appear once per message)",
                            headerStart, start, streamOffset, frameOffset);
                }
            }
            if (2 * n == kv.length) {
                kv = Arrays.copyOf(kv, kv.length * 2);
            }
            kv[2 * n] = name;
            kv[2 * n + 1] = value;
            n++;
        }
        return new HeaderMap(kv, n);
    }

    private static void need(int wanted, int available, String name, int headerStart, int start, long streamOffset,
            long frameOffset) {
        if (wanted > available) {
            throw fail("Value of header '" + name + "' runs past the end of the headers section (needs " + wanted
                    + " bytes, " + Math.max(available, 0) + " left)", headerStart, start, streamOffset, frameOffset);
        }
    }

    private static EventStreamException fail(String message, int at, int start, long streamOffset, long frameOffset) {
        return new EventStreamException(message, streamOffset + (at - start), frameOffset);
    }
}
