package io.quarkiverse.bedrock.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Remembers the short header names and string values a stream repeats in every frame ({@code :event-type},
 * {@code contentBlockDelta}, {@code application/json}...), so decoding them allocates nothing after the first frame.
 * Direct-mapped on a hash of the bytes; a collision simply replaces the slot. One per decoder, not thread-safe.
 */
final class HeaderStringCache {

    private static final int SLOT_BITS = 7;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final int MAX_CACHED_LENGTH = 64;

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

    /** Finds or fills the slot for these bytes. */
    private int slot(byte[] a, int off, int len) {
        int slot = hash(a, off, len) >>> (32 - SLOT_BITS);
        byte[] key = keys[slot];
        if (key == null || !Arrays.equals(key, 0, key.length, a, off, off + len)) {
            keys[slot] = Arrays.copyOfRange(a, off, off + len);
            strings[slot] = new String(a, off, len, StandardCharsets.UTF_8);
            values[slot] = null;
        }
        return slot;
    }

    /**
     * A hash of the length and at most twelve of the bytes (the first, middle and last four), so that its cost does not
     * grow with the length: the slot is confirmed by comparing all the bytes anyway, and a collision only costs a
     * refill.
     */
    private static int hash(byte[] a, int off, int len) {
        int h = len;
        if (len >= 4) {
            h = h * 0x01000193 ^ Bytes.getInt(a, off);
            h = h * 0x01000193 ^ Bytes.getInt(a, off + ((len - 4) >>> 1));
            h = h * 0x01000193 ^ Bytes.getInt(a, off + len - 4);
        } else {
            for (int i = off, end = off + len; i < end; i++) {
                h = h * 0x01000193 ^ a[i];
            }
        }
        return h * 0x9E3779B1;
    }
}
