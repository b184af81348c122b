package io.quarkiverse.bedrock.runtime.auth;

import static io.quarkiverse.bedrock.runtime.auth.SigV4Keys.hmac;
import static io.quarkiverse.bedrock.runtime.auth.SigV4Keys.sha256;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * AWS Signature Version 4 with the signature in the {@code Authorization} header, written from the published
 * specification.
 * <p>
 * Why not the SDK's {@code AwsV4HttpSigner}: it logs the complete canonical request at DEBUG, and with temporary
 * credentials that includes the {@code x-amz-security-token} value; it also always adds and signs
 * {@code x-amz-content-sha256}, so it cannot be checked against the official test suite. This class logs nothing, and the
 * tests compare it with the official suite and with the SDK signer.
 * <p>
 * The path is canonicalised by URI-encoding it once more, as every AWS service except S3 expects: a path that goes on the
 * wire as {@code /model/a%3Ab/converse} is signed as {@code /model/a%253Ab/converse}.
 */
public final class SigV4 {

    private static final HexFormat HEX = HexFormat.of();

    /** The signing algorithm name. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** Runs of whitespace inside a header value, folded to one space; compiled once, not per header of each request. */
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /**
     * A request to sign.
     *
     * @param method HTTP method, e.g. {@code POST}
     * @param path the path exactly as it goes on the wire (percent-encoding included), e.g.
     *        {@code /model/anthropic.claude-v2%3A1/converse}
     * @param query the query parameters, percent-decoded, in wire order
     * @param headers the headers to sign, in wire order (a name may repeat); must include {@code Host}
     * @param body the exact body bytes
     */
    public record Request(String method, String path, List<Map.Entry<String, String>> query,
            List<Map.Entry<String, String>> headers, byte[] body) {

        /** Checks every part is present. */
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            query = List.copyOf(query);
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * How to sign.
     *
     * @param service the signing name, e.g. {@code bedrock}
     * @param region the signing region
     * @param time the signing time
     * @param normalizePath remove {@code .}, {@code ..} and empty segments from the path before encoding it
     * @param contentSha256Header add and sign an {@code x-amz-content-sha256} header holding the body hash
     * @param signSessionToken with session credentials, sign the {@code X-Amz-Security-Token} header (false: add it after
     *        signing)
     */
    public record Options(String service, String region, Instant time, boolean normalizePath,
            boolean contentSha256Header, boolean signSessionToken) {

        /** Checks every part is present. */
        public Options {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * The outcome of signing. {@link #toString()} shows neither the canonical request (it can hold a session token) nor
     * the headers.
     */
    public static final class Result {
        private final String canonicalRequest;
        private final String stringToSign;
        private final String signature;
        private final Map<String, String> headers;

        private Result(String canonicalRequest, String stringToSign, String signature, Map<String, String> headers) {
            this.canonicalRequest = canonicalRequest;
            this.stringToSign = stringToSign;
            this.signature = signature;
            this.headers = headers;
        }

        /** @return the canonical request (contains the session token when one is signed: never log it) */
        public String canonicalRequest() {
            return canonicalRequest;
        }

        /** @return the string to sign */
        public String stringToSign() {
            return stringToSign;
        }

        /** @return the hex signature */
        public String signature() {
            return signature;
        }

        /**
         * @return the headers to add to the request, in this order: {@code X-Amz-Date}, {@code x-amz-content-sha256} (when
         *         asked for), {@code X-Amz-Security-Token} (with session credentials), {@code Authorization}
         */
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public String toString() {
            return "SigV4.Result[signature=" + signature + ", headers=" + headers.keySet() + "]";
        }
    }

    /**
     * Signs a request.
     *
     * @param request what to sign
     * @param credentials the credentials; an {@link AwsSessionCredentialsIdentity} adds {@code X-Amz-Security-Token}
     * @param options how to sign
     * @return the canonical request, string to sign, signature and headers to add
     */
    public static Result sign(Request request, AwsCredentialsIdentity credentials, Options options) {
        return sign(request, credentials, options, HEX.formatHex(sha256(request.body())));
    }

    /**
     * Signs a request whose payload hash is given rather than computed from the body: an event-stream request is signed
     * with {@code STREAMING-AWS4-HMAC-SHA256-EVENTS}, its events then signed one by one.
     *
     * @param request what to sign (its body is not hashed)
     * @param credentials the credentials
     * @param options how to sign
     * @param payloadHash the payload hash line of the canonical request (and {@code x-amz-content-sha256} when asked for)
     * @return the canonical request, string to sign, signature and headers to add
     */
    public static Result sign(Request request, AwsCredentialsIdentity credentials, Options options, String payloadHash) {
        String amzDate = amzDate(options.time());
        String date = amzDate.substring(0, 8);
        String token = credentials instanceof AwsSessionCredentialsIdentity session ? session.sessionToken() : null;

        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", amzDate);
        if (options.contentSha256Header()) {
            added.put("x-amz-content-sha256", payloadHash);
        }
        List<Map.Entry<String, String>> signedHeaders = new ArrayList<>(request.headers());
        added.forEach((name, value) -> signedHeaders.add(Map.entry(name, value)));
        if (token != null) {
            added.put("X-Amz-Security-Token", token);
            if (options.signSessionToken()) {
                signedHeaders.add(Map.entry("X-Amz-Security-Token", token));
            }
        }

        Map<String, String> canonicalHeaders = canonicalHeaders(signedHeaders);
        String signedHeaderNames = String.join(";", canonicalHeaders.keySet());
        // sized for the whole canonical request: growing from 16 chars copied it five times
        StringBuilder canonical = new StringBuilder(canonicalLength(request, canonicalHeaders, signedHeaderNames))
                .append(request.method().toUpperCase(Locale.ROOT)).append('\n')
                .append(canonicalUri(request.path(), options.normalizePath())).append('\n')
                .append(canonicalQuery(request.query())).append('\n');
        canonicalHeaders.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(signedHeaderNames).append('\n').append(payloadHash);
        String canonicalRequest = canonical.toString();

        String scope = date + "/" + options.region() + "/" + options.service() + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = SigV4Keys.signingKey(credentials.secretAccessKey(), date, options.region(), options.service());
        String signature = HEX.formatHex(hmac(key, stringToSign));

        added.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaderNames + ", Signature=" + signature);
        return new Result(canonicalRequest, stringToSign, signature, Collections.unmodifiableMap(added));
    }

    /** @return {@code yyyyMMdd'T'HHmmss'Z'} in UTC, without a formatter (which cost more than the rest of the date) */
    static String amzDate(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return AMZ_DATE.format(time);
        }
        byte[] d = new byte[16];
        digits(d, 0, t.getYear(), 4);
        digits(d, 4, t.getMonthValue(), 2);
        digits(d, 6, t.getDayOfMonth(), 2);
        d[8] = 'T';
        digits(d, 9, t.getHour(), 2);
        digits(d, 11, t.getMinute(), 2);
        digits(d, 13, t.getSecond(), 2);
        d[15] = 'Z';
        return new String(d, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] d, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            d[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** @return a little more than the canonical request's length */
    private static int canonicalLength(Request request, Map<String, String> canonicalHeaders, String signedHeaderNames) {
        int n = 2 * request.path().length() + signedHeaderNames.length() + 128;
        for (Map.Entry<String, String> q : request.query()) {
            n += 2 * (q.getKey().length() + (q.getValue() == null ? 0 : q.getValue().length())) + 2;
        }
        for (Map.Entry<String, String> h : canonicalHeaders.entrySet()) {
            n += h.getKey().length() + h.getValue().length() + 2;
        }
        return n;
    }

    /**
     * @param path the path as on the wire
     * @param normalize whether to remove dot segments and empty segments first
     * @return the canonical URI: the path URI-encoded once more, {@code /} kept
     */
    static String canonicalUri(String path, boolean normalize) {
        String p = path.isEmpty() ? "/" : path;
        if (normalize) {
            p = normalize(p);
        }
        return PercentEncoding.encode(p, true);
    }

    private static String normalize(String path) {
        if (isNormal(path)) {
            return path;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        String joined = "/" + String.join("/", segments);
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        return trailing && !segments.isEmpty() ? joined + "/" : joined;
    }

    /**
     * @return whether {@link #normalize} would return the path as it is: it starts with {@code /} and has no empty,
     *         {@code .} or {@code ..} segment but for the empty one after a trailing {@code /}
     */
    private static boolean isNormal(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        while (start < path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if (length == 0 || (length <= 2 && path.charAt(start) == '.' && (length == 1 || path.charAt(start + 1) == '.'))) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static String canonicalQuery(List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : query) {
            pairs.add(
                    new String[] { PercentEncoding.encode(e.getKey(), false),
                            PercentEncoding.encode(e.getValue() == null ? "" : e.getValue(), false) });
        }
        pairs.sort(Comparator.<String[], String> comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** @return the value with each run of whitespace as one space; the value itself when it has none (no matcher) */
    private static String foldSpaces(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return SPACES.matcher(value).replaceAll(" ");
            }
        }
        return value;
    }

    private static Map<String, String> canonicalHeaders(List<Map.Entry<String, String>> headers) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().trim().toLowerCase(Locale.ROOT);
            String value = h.getValue() == null ? "" : foldSpaces(h.getValue().trim());
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        return out;
    }

}
