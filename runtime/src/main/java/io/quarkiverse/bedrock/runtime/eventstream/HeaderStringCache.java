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
 * Direct-mapped on a hash of the bytes; a collision simply replaces the slot.
 * <p>
 * One cache for all decoders ({@link #SHARED}): a per-decoder cache cost every stream its tables and a decode of each
 * string again, a quarter of what a stream of 50 events allocated per event. Thread-safe without locks: a slot holds
 * an immutable entry (final fields, so a thread that reads the slot sees the entry whole), and two threads filling the
 * same slot at once only make one of them decode again later.
 */
final class HeaderStringCache {

    private static final int SLOT_BITS = 7;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final int MAX_CACHED_LENGTH = 64;

    private static final Map<String, String> CANONICAL = Stream.of(EventStreamMessage.MESSAGE_TYPE,
            EventStreamMessage.EVENT_TYPE, EventStreamMessage.EXCEPTION_TYPE, EventStreamMessage.ERROR_CODE,
            EventStreamMessage.ERROR_MESSAGE, EventStreamMessage.CONTENT_TYPE, "event", "exception", "error",
            "application/json").collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

    /** The cache every decoder uses. */
    static final HeaderStringCache SHARED = new HeaderStringCache();

    /** One slot: the bytes, their string and a string header value holding it. */
    private record Entry(byte[] key, String string, HeaderValue value) {
    }

    private final Entry[] entries = new Entry[SLOTS];

    /** @return the UTF-8 string in {@code a[off, off + len)} */
    String string(byte[] a, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return new String(a, off, len, StandardCharsets.UTF_8);
        }
        return entry(a, off, len).string();
    }

    /** @return a {@link HeaderType#STRING} value holding the UTF-8 string in {@code a[off, off + len)} */
    HeaderValue stringValue(byte[] a, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return HeaderValue.string(new String(a, off, len, StandardCharsets.UTF_8));
        }
        return entry(a, off, len).value();
    }

    /**
     * @return the constant instance for a protocol header name or value, so that looking those headers up by the
     *         constants of {@link EventStreamMessage} matches by identity before any {@code equals}
     */
    private static String canonical(String s) {
        return CANONICAL.getOrDefault(s, s);
    }

    /** Finds or fills the slot for these bytes. */
    private Entry entry(byte[] a, int off, int len) {
        int slot = Bytes.sampledHash(a, off, len) >>> (32 - SLOT_BITS);
        Entry e = entries[slot];
        if (e == null || !Arrays.equals(e.key(), 0, e.key().length, a, off, off + len)) {
            String s = canonical(new String(a, off, len, StandardCharsets.UTF_8));
            e = new Entry(Arrays.copyOfRange(a, off, off + len), s, HeaderValue.string(s));
            entries[slot] = e;
        }
        return e;
    }
}
