package io.quarkiverse.bedrock.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a SigV4 canonical request the way the signing client did, from the request as received: the path exactly as
 * on the wire, encoded once more (every AWS service but S3 signs the encoded path encoded again), the query decoded,
 * re-encoded and sorted, and the headers the client listed in {@code SignedHeaders}, in that order, with their values
 * trimmed and their inner runs of spaces collapsed.
 */
final class CanonicalRequest {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /**
     * @param method the HTTP method
     * @param rawPath the path as on the wire (percent-encoded by the client)
     * @param rawQuery the query as on the wire, without {@code ?}, or null
     * @param signedHeaders the lower-case names of {@code SignedHeaders}, in the order given
     * @param headers all values of a header, looked up without regard to case; empty when absent
     * @param payloadHash the hex SHA-256 of the body, or the {@code x-amz-content-sha256} value
     * @param normalize whether to remove dot segments and repeated slashes from the path, as signers do by default
     * @return the canonical request
     */
    static String build(String method, String rawPath, String rawQuery, List<String> signedHeaders,
            Function<String, List<String>> headers, String payloadHash, boolean normalize) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append('\n');
        sb.append(uriEncode(normalize ? normalizePath(rawPath) : rawPath, true)).append('\n');
        sb.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            sb.append(name).append(':').append(headerValue(headers.apply(name))).append('\n');
        }
        sb.append('\n').append(String.join(";", signedHeaders)).append('\n');
        sb.append(payloadHash);
        return sb.toString();
    }

    /** @return the values joined by commas, each trimmed, inner runs of white space made one space */
    static String headerValue(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(v.trim().replaceAll("\\s+", " "));
        }
        return String.join(",", out);
    }

    /** Removes {@code .} and {@code ..} segments and repeated slashes (RFC 3986 5.2.4, as the AWS signers do). */
    static String normalizePath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(s);
            }
        }
        String last = segments[segments.length - 1];
        boolean trailing = last.isEmpty() || last.equals(".") || last.equals("..");
        String joined = "/" + String.join("/", kept);
        return trailing && !kept.isEmpty() ? joined + "/" : joined;
    }

    /** @return the query's parameters decoded, encoded the SigV4 way and sorted by name then value */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(Map.entry(uriEncode(percentDecode(name), false), uriEncode(percentDecode(value), false)));
        }
        params.sort(Map.Entry.<String, String> comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p.getKey()).append('=').append(p.getValue());
        }
        return sb.toString();
    }

    /** @return the UTF-8 bytes of {@code s}, every byte but the unreserved ones (and {@code /} if kept) as %XX */
    static String uriEncode(String s, boolean keepSlash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return sb.toString();
    }

    /** Decodes %XX escapes only ({@code +} stays a plus, as in SigV4); a malformed escape is kept as it is. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
