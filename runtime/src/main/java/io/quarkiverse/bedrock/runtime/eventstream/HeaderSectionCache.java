package io.quarkiverse.bedrock.runtime.eventstream;

import java.util.Arrays;

/**
 * Remembers the decoded headers of recent frames by their exact bytes: Bedrock repeats a byte-identical headers section
 * in every frame of one event type, so a repeated section costs one comparison instead of a decode and a new map.
 * Holds only sections of immutable values (a map with a byte-array value is never shared between messages), of at
 * most {@value #MAX_LENGTH} bytes. Direct-mapped; a collision simply replaces the slot. One per decoder, not
 * thread-safe.
 */
final class HeaderSectionCache {

    /** Longest headers section remembered. */
    static final int MAX_LENGTH = 256;

    private static final int SLOT_BITS = 3;

    private final byte[][] keys = new byte[1 << SLOT_BITS][];
    private final HeaderMap[] maps = new HeaderMap[1 << SLOT_BITS];

    /** @return the headers decoded earlier from exactly the bytes {@code a[off, off + len)}, or null */
    HeaderMap find(byte[] a, int off, int len) {
        int slot = slot(a, off, len);
        byte[] key = keys[slot];
        return key != null && Arrays.equals(key, 0, key.length, a, off, off + len) ? maps[slot] : null;
    }

    /** Remembers the headers decoded from the bytes {@code a[off, off + len)}, at most {@link #MAX_LENGTH} of them. */
    void remember(byte[] a, int off, int len, HeaderMap headers) {
        int slot = slot(a, off, len);
        keys[slot] = Arrays.copyOfRange(a, off, off + len);
        maps[slot] = headers;
    }

    private static int slot(byte[] a, int off, int len) {
        return Bytes.sampledHash(a, off, len) >>> (32 - SLOT_BITS);
    }
}
