package io.quarkiverse.bedrock.runtime.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Remembers the short header names and string values a stream repeats in every frame ({@code :event-type},
 * {@code contentBlockDelta}, {@code application/json}...), so decoding them allocates nothing after the first frame.
 * Direct-mapped on a hash of the bytes; a collision simply replaces the slot. One per decoder, not thread-safe.
 */
final class HeaderStringCache {

    private static final int SLOT_BITS = 7;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final int MAX_CACHED_LENGTH = 64;

    private static final Map<String, String> CANONICAL = Stream.of(EventStreamMessage.MESSAGE_TYPE,
            EventStreamMessage.EVENT_TYPE, EventStreamMessage.EXCEPTION_TYPE, EventStreamMessage.ERROR_CODE,
            EventStreamMessage.ERROR_MESSAGE, EventStreamMessage.CONTENT_TYPE, "event", "exception", "error",
            "application/json").collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private final HeaderValue[] values = new HeaderValue[SLOTS];

    /** @return the UTF-8 string in {@code a[off, off + len)} */
    String string(byte[] a, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return new String(a, off, len, StandardCharsets.UTF_8);
        }
        return strings[slot(a, off, len)];
    }

    /** @return a {@link HeaderType#STRING} value holding the UTF-8 string in {@code a[off, off + len)} */
    HeaderValue stringValue(byte[] a, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return HeaderValue.string(new String(a, off, len, StandardCharsets.UTF_8));
        }
        int slot = slot(a, off, len);
        HeaderValue v = values[slot];
        if (v == null) {
            v = HeaderValue.string(strings[slot]);
            values[slot] = v;
        }
        return v;
    }

    /**
     * @return the constant instance for a protocol header name or value, so that looking those headers up by the
     *         constants of {@link EventStreamMessage} matches by identity before any {@code equals}
     */
    private static String canonical(String s) {
        return CANONICAL.getOrDefault(s, s);
    }

    /** Finds or fills the slot for these bytes. */
    private int slot(byte[] a, int off, int len) {
        int slot = Bytes.sampledHash(a, off, len) >>> (32 - SLOT_BITS);
        byte[] key = keys[slot];
        if (key == null || !Arrays.equals(key, 0, key.length, a, off, off + len)) {
            keys[slot] = Arrays.copyOfRange(a, off, off + len);
            strings[slot] = canonical(new String(a, off, len, StandardCharsets.UTF_8));
            values[slot] = null;
        }
        return slot;
    }
}
