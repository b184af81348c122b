package io.quarkiverse.bedrock.runtime.family;

import java.util.Arrays;

/**
 * Decodes standard base64 (RFC 4648 section 4, padded or not) from a range of characters into a reused array, for the
 * {@code bytes} of native stream chunks: read from the parser's own character buffer, a chunk then costs neither the
 * base64 {@code String} nor a new array for its bytes. One instance per stream; not thread-safe.
 */
final class Base64Text {

    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private byte[] out = new byte[512];

    /**
     * @param text the characters
     * @param offset where the base64 starts in {@code text}
     * @param length how many characters it has
     * @return how many bytes {@link #bytes()} now holds
     * @throws IllegalArgumentException when the characters are not base64
     */
    int decode(char[] text, int offset, int length) {
        int end = offset + length;
        while (end > offset && text[end - 1] == '=' && offset + length - end < 2) {
            end--;
        }
        int chars = end - offset;
        if (chars % 4 == 1) {
            throw new IllegalArgumentException("base64 of " + length + " characters cannot be complete");
        }
        int size = chars / 4 * 3 + Math.max(0, chars % 4 - 1);
        if (out.length < size) {
            out = new byte[Math.max(size, out.length * 2)];
        }
        int bits = 0;
        int count = 0;
        int n = 0;
        for (int i = offset; i < end; i++) {
            char c = text[i];
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("'" + c + "' at " + (i - offset) + " is not a base64 character");
            }
            bits = bits << 6 | v;
            if (++count == 4) {
                out[n++] = (byte) (bits >> 16);
                out[n++] = (byte) (bits >> 8);
                out[n++] = (byte) bits;
                bits = 0;
                count = 0;
            }
        }
        if (count == 3) {
            out[n++] = (byte) (bits >> 10);
            out[n++] = (byte) (bits >> 2);
        } else if (count == 2) {
            out[n++] = (byte) (bits >> 4);
        }
        return n;
    }

    /** @return the array holding the bytes of the last {@link #decode}, from index 0; reused by the next call */
    byte[] bytes() {
        return out;
    }
}
