package io.quarkiverse.bedrock.runtime.eventstream;

import java.util.Arrays;

/**
 * Remembers the decoded headers of recent frames by their exact bytes: Bedrock repeats a byte-identical headers section
 * in every frame of one event type, so a repeated section costs one comparison instead of a decode and a new map.
 * Holds only sections of immutable values (a map with a byte-array value is never shared between messages), of at
 * most {@value #MAX_LENGTH} bytes. Direct-mapped; a collision simply replaces the slot.
 * <p>
 * One cache for all decoders ({@link #SHARED}), so that a stream finds the sections earlier streams decoded instead of
 * decoding and copying each again. Thread-safe without locks, as {@link HeaderStringCache}: a slot holds an immutable
 * entry.
 */
final class HeaderSectionCache {

    /** Longest headers section remembered. */
    static final int MAX_LENGTH = 256;

    private static final int SLOT_BITS = 5;

    /** The cache every decoder uses. */
    static final HeaderSectionCache SHARED = new HeaderSectionCache();

    /** One slot: a section's bytes and its headers. */
    private record Entry(byte[] key, HeaderMap headers) {
    }

    private final Entry[] entries = new Entry[1 << SLOT_BITS];

    /** @return the headers decoded earlier from exactly the bytes {@code a[off, off + len)}, or null */
    HeaderMap find(byte[] a, int off, int len) {
        Entry e = entries[slot(a, off, len)];
        return e != null && Arrays.equals(e.key(), 0, e.key().length, a, off, off + len) ? e.headers() : null;
    }

    /** Remembers the headers decoded from the bytes {@code a[off, off + len)}, at most {@link #MAX_LENGTH} of them. */
    void remember(byte[] a, int off, int len, HeaderMap headers) {
        entries[slot(a, off, len)] = new Entry(Arrays.copyOfRange(a, off, off + len), headers);
    }

    private static int slot(byte[] a, int off, int len) {
        return Bytes.sampledHash(a, off, len) >>> (32 - SLOT_BITS);
    }
}
