package io.quarkiverse.bedrock.runtime.auth;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * Computes the authentication headers of one Bedrock request, just before it is sent: call it again for every attempt,
 * since a SigV4 signature expires five minutes after its {@code X-Amz-Date}. Thread-safe.
 */
public final class RequestSigner {

    /** The SigV4 signing name of Bedrock Runtime (the host says {@code bedrock-runtime}, the signature {@code bedrock}). */
    public static final String SIGNING_NAME = "bedrock";

    private final Clock clock;

    /** @param clock the signing clock (tests pin it) */
    public RequestSigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param method HTTP method
     * @param uri the exact URI that goes on the wire (path already percent-encoded)
     * @param body the exact body bytes
     * @param auth the credentials
     * @param region the signing region
     * @return headers to add to the request: {@code Authorization}, and for SigV4 {@code X-Amz-Date},
     *         {@code x-amz-content-sha256}, and {@code X-Amz-Security-Token} with session credentials. Signed now, from
     *         the clock.
     */
    public Map<String, String> sign(String method, URI uri, byte[] body, AwsAuth auth, String region) {
        return sign(method, uri, body, auth, region, Map.of());
    }

    /**
     * @param method HTTP method
     * @param uri the exact URI that goes on the wire (path already percent-encoded)
     * @param body the exact body bytes
     * @param auth the credentials
     * @param region the signing region
     * @param signedHeaders headers to send and sign besides {@code Host} (e.g. the attempt's
     *        {@code amz-sdk-request}), so that they change the signature
     * @return {@code signedHeaders}, then the headers of {@link #sign(String, URI, byte[], AwsAuth, String)}
     */
    public Map<String, String> sign(String method, URI uri, byte[] body, AwsAuth auth, String region,
            Map<String, String> signedHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(signedHeaders);
        if (auth instanceof AwsAuth.Bearer bearer) {
            headers.put("Authorization", "Bearer " + bearer.token());
            return headers;
        }
        AwsAuth.SigV4 sigV4 = (AwsAuth.SigV4) auth;
        List<Map.Entry<String, String>> toSign = new ArrayList<>();
        toSign.add(Map.entry("Host", hostHeader(uri)));
        toSign.addAll(signedHeaders.entrySet());
        SigV4.Request request = new SigV4.Request(method, rawPath(uri), query(uri), toSign, body);
        SigV4.Options options = new SigV4.Options(SIGNING_NAME, region, clock.instant(), true, true, true);
        headers.putAll(SigV4.sign(request, sigV4.identity(), options).headers());
        return headers;
    }

    /** @return the {@code Host} header the HTTP client sends: the host, with the port only when it is not the default */
    static String hostHeader(URI uri) {
        if (uri.getHost() == null) {
            throw new InvalidRequestException("Cannot sign a request to '" + uri + "': the URI has no host");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static String rawPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static List<Map.Entry<String, String>> query(URI uri) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(PercentEncoding.decode(name), PercentEncoding.decode(value)));
        }
        return out;
    }
}
