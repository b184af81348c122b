package io.quarkiverse.bedrock.runtime.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Percent-encoding as AWS uses it (RFC 3986): every UTF-8 byte outside the unreserved characters
 * {@code A-Za-z0-9-_.~} becomes {@code %XX} with upper-case hex digits; {@code +} is a plus sign, not a space.
 */
public final class PercentEncoding {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * @param s text
     * @param keepSlash whether {@code /} stays as it is (a path), or is encoded (a path label, a query component)
     * @return the encoded text
     */
    public static String encode(String s, boolean keepSlash) {
        int i = 0;
        while (i < s.length() && unreserved(s.charAt(i), keepSlash)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (unreserved(c, keepSlash)) {
                out.append(c);
            } else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c, boolean keepSlash) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '~' || (keepSlash && c == '/');
    }

    /**
     * @param s text with {@code %XX} escapes
     * @return the UTF-8 text they stand for; a {@code %} not followed by two hex digits is kept as it is
     */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && HexFormat.isHexDigit(bytes[i + 1])
                    && HexFormat.isHexDigit(bytes[i + 2])) {
                out.write(HexFormat.fromHexDigit(bytes[i + 1]) * 16 + HexFormat.fromHexDigit(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
