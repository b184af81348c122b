package io.quarkiverse.bedrock.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks a request's authentication as Bedrock does: a SigV4 signature recomputed with the AWS SDK signer from the
 * request exactly as received (method, raw path, signed headers, body) and the secret of the access key, or a bearer
 * API key. Thread-safe.
 */
final class SigV4Verifier {

    static final String SERVICE = "bedrock";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-fA-F]+)\\s*");
    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private final Clock clock;

    SigV4Verifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param method the HTTP method
     * @param rawPathAndQuery the request target exactly as on the wire (not decoded)
     * @param header case-insensitive header lookup (first value)
     * @param body the body bytes
     * @return the error to answer with, or empty when the request is authenticated
     */
    Optional<AwsError> verify(String method, String rawPathAndQuery, Function<String, String> header, byte[] body) {
        String authorization = header.apply("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verifyBearer(authorization.substring(7).trim());
        }
        Matcher m = AUTH.matcher(authorization.trim());
        if (!m.matches()) {
            return Optional.of(new AwsError(400, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."
                            + " Authorization=" + describeScheme(authorization)));
        }
        String keyId = m.group(1);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = List.of(m.group(5).toLowerCase(Locale.ROOT).split(";"));
        String signature = m.group(6).toLowerCase(Locale.ROOT);

        String secret = EmulatorCredentials.secretFor(keyId);
        if (secret == null) {
            return Optional.of(new AwsError(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        if (!SERVICE.equals(service)) {
            return Optional
                    .of(AwsError.invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'. "));
        }
        String amzDate = header.apply("X-Amz-Date");
        Instant signedAt;
        try {
            signedAt = amzDate == null ? null : AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        if (signedAt == null) {
            return Optional.of(new AwsError(400, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            return Optional.of(AwsError.invalidSignature("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)"));
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return Optional.of(AwsError.invalidSignature("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)"));
        }
        String expected = recompute(method, rawPathAndQuery, header, body, keyId, secret, region, signedHeaders,
                signedAt);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(AwsError.invalidSignature(MISMATCH));
        }
        return Optional.empty();
    }

    private static Optional<AwsError> verifyBearer(String token) {
        if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                EmulatorCredentials.API_KEY.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new AwsError(403, "AccessDeniedException",
                "Authentication failed: Please make sure your API Key is valid."));
    }

    private static String describeScheme(String authorization) {
        int space = authorization.indexOf(' ');
        return space > 0 ? authorization.substring(0, space) : "(unrecognised)";
    }

    private static String recompute(String method, String rawPathAndQuery, Function<String, String> header, byte[] body,
            String keyId, String secret, String region, List<String> signedHeaders, Instant signedAt) {
        String host = header.apply("Host");
        if (host == null) {
            return null;
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + host + rawPathAndQuery));
        String token = null;
        for (String name : signedHeaders) {
            String value = header.apply(name);
            if (value == null) {
                return null;
            }
            if (name.equals("x-amz-security-token")) {
                token = value;
            } else if (!name.equals("host") && !name.equals("x-amz-date")) {
                request.putHeader(name, value);
            }
        }
        AwsCredentialsIdentity identity = token != null ? AwsSessionCredentialsIdentity.create(keyId, secret, token)
                : AwsCredentialsIdentity.create(keyId, secret);
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        Map<String, List<String>> headers = signed.request().headers();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Authorization")) {
                String auth = e.getValue().get(0);
                int i = auth.indexOf("Signature=");
                return i < 0 ? null : auth.substring(i + "Signature=".length()).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
