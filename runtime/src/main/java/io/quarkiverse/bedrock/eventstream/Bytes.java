package io.quarkiverse.bedrock.eventstream;

/** Big-endian reads and writes on byte arrays. */
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
}
