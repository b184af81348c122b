package io.quarkiverse.bedrock.runtime.eventstream;

/** Big-endian reads and writes on byte arrays, and a cheap hash of a range. */
final class Bytes {

    private Bytes() {
    }

    static int getInt(byte[] a, int p) {
        return (a[p] << 24) | ((a[p + 1] & 0xFF) << 16) | ((a[p + 2] & 0xFF) << 8) | (a[p + 3] & 0xFF);
    }

    static long getLong(byte[] a, int p) {
        return ((long) getInt(a, p) << 32) | (getInt(a, p + 4) & 0xFFFFFFFFL);
    }

    static void putInt(byte[] a, int p, int v) {
        a[p] = (byte) (v >>> 24);
        a[p + 1] = (byte) (v >>> 16);
        a[p + 2] = (byte) (v >>> 8);
        a[p + 3] = (byte) v;
    }

    static void putLong(byte[] a, int p, long v) {
        putInt(a, p, (int) (v >>> 32));
        putInt(a, p + 4, (int) v);
    }

    /**
     * A hash of the length and at most twelve of the bytes (the first, middle and last four), so that its cost does not
     * grow with the length; for caches that confirm a hit by comparing all the bytes anyway, where a collision only
     * costs a refill.
     */
    static int sampledHash(byte[] a, int off, int len) {
        int h = len;
        if (len >= 4) {
            h = h * 0x01000193 ^ getInt(a, off);
            h = h * 0x01000193 ^ getInt(a, off + ((len - 4) >>> 1));
            h = h * 0x01000193 ^ getInt(a, off + len - 4);
        } else {
            for (int i = off, end = off + len; i < end; i++) {
                h = h * 0x01000193 ^ a[i];
            }
        }
        return h * 0x9E3779B1;
    }
}
