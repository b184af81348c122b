package io.quarkiverse.bedrock.runtime.eventstream;

import java.lang.management.ManagementFactory;
import java.util.zip.CRC32;

import com.sun.management.ThreadMXBean;

/** Test helpers: hand-built frames with valid checksums around arbitrary (possibly malformed) contents. */
final class Frames {

    private Frames() {
    }

    /** A frame with the given raw headers section and payload, both checksums valid. */
    static byte[] frame(byte[] headers, byte[] payload) {
        return frame(12 + headers.length + payload.length + 4, headers.length, headers, payload);
    }

    /** A frame whose prelude declares the given lengths (possibly lies), both checksums computed over what is there. */
    static byte[] frame(int declaredTotal, int declaredHeaders, byte[] headers, byte[] payload) {
        byte[] f = new byte[12 + headers.length + payload.length + 4];
        putInt(f, 0, declaredTotal);
        putInt(f, 4, declaredHeaders);
        CRC32 crc = new CRC32();
        crc.update(f, 0, 8);
        putInt(f, 8, (int) crc.getValue());
        System.arraycopy(headers, 0, f, 12, headers.length);
        System.arraycopy(payload, 0, f, 12 + headers.length, payload.length);
        crc.update(f, 8, f.length - 12);
        putInt(f, f.length - 4, (int) crc.getValue());
        return f;
    }

    /** Just a 12-byte prelude with a valid prelude checksum. */
    static byte[] prelude(int declaredTotal, int declaredHeaders) {
        byte[] f = new byte[12];
        putInt(f, 0, declaredTotal);
        putInt(f, 4, declaredHeaders);
        CRC32 crc = new CRC32();
        crc.update(f, 0, 8);
        putInt(f, 8, (int) crc.getValue());
        return f;
    }

    static void putInt(byte[] a, int p, int v) {
        a[p] = (byte) (v >>> 24);
        a[p + 1] = (byte) (v >>> 16);
        a[p + 2] = (byte) (v >>> 8);
        a[p + 3] = (byte) v;
    }

    /** @return bytes allocated so far by the current thread (HotSpot's per-thread counter) */
    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory
            .getThreadMXBean();
}
