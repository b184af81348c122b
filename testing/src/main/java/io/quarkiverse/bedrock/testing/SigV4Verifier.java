package io.quarkiverse.bedrock.testing;

import static io.quarkiverse.bedrock.runtime.auth.SigV4Keys.hmac;
import static io.quarkiverse.bedrock.runtime.auth.SigV4Keys.sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.quarkiverse.bedrock.runtime.auth.SigV4Keys;

/**
 * Checks a request's authentication as AWS does: a SigV4 signature recomputed from the request as received, following
 * the client's own choices (the headers it listed in {@code SignedHeaders}, in any case and order; the payload hash from
 * {@code x-amz-content-sha256} when it sent one, else computed from the body; a session token signed or not), or a
 * bearer API key. It rejects what AWS rejects: an unknown key, a wrong secret, a scope for another service or an invalid
 * region, more than 5 minutes of clock skew, a changed signed header or body. Thread-safe.
 */
final class SigV4Verifier {

    static final String SERVICE = "bedrock";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern AWS_HOST = Pattern.compile("bedrock-runtime(-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(:\\d+)?");
    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private final Clock clock;
    private final String service;
    private final Function<String, String> secrets;

    SigV4Verifier(Clock clock) {
        this(clock, SERVICE, EmulatorCredentials::secretFor);
    }

    /**
     * @param clock judges the skew
     * @param service the signing name the scope must name
     * @param secrets the secret of an access key id, null when unknown
     */
    SigV4Verifier(Clock clock, String service, Function<String, String> secrets) {
        this.clock = clock;
        this.service = service;
        this.secrets = secrets;
    }

    /**
     * @param method the HTTP method
     * @param rawPathAndQuery the request target exactly as on the wire (not decoded)
     * @param headers every value of a header, looked up without regard to case (the HTTP/2 {@code :authority} for
     *        {@code host}); empty when absent
     * @param body the body bytes
     * @return the error to answer with, or empty when the request is authenticated
     */
    Optional<AwsError> verify(String method, String rawPathAndQuery, Function<String, List<String>> headers,
            byte[] body) {
        String authorization = first(headers, "authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
        }
        authorization = authorization.trim();
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verifyBearer(authorization.substring(7).trim());
        }
        Map<String, String> params = authorizationParameters(authorization);
        String credential = params.get("Credential");
        String signedHeadersParam = params.get("SignedHeaders");
        String signature = params.get("Signature");
        if (params.isEmpty() || credential == null || signedHeadersParam == null || signature == null) {
            return Optional.of(new AwsError(400, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."
                            + " Authorization=" + describeScheme(authorization)));
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            return Optional.of(new AwsError(400, "IncompleteSignatureException",
                    "Credential should be scoped to a valid region, service and date: 'accessKeyId/yyyyMMdd/region/"
                            + service + "/aws4_request'. "));
        }
        String keyId = scope[0];
        String scopeDate = scope[1];
        String region = scope[2];
        String secret = secrets.apply(keyId);
        if (secret == null) {
            return Optional.of(new AwsError(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        if (!service.equals(scope[3])) {
            return Optional.of(AwsError.invalidSignature("Credential should be scoped to correct service: '" + service
                    + "'. "));
        }
        Optional<AwsError> badRegion = checkRegion(region, first(headers, "host"));
        if (badRegion.isPresent()) {
            return badRegion;
        }
        List<String> signedHeaders = List.of(signedHeadersParam.toLowerCase(Locale.ROOT).split(";"));
        if (!signedHeaders.contains("host") && !signedHeaders.contains(":authority")) {
            return Optional.of(AwsError.invalidSignature(
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
        }
        String amzDate = first(headers, "x-amz-date");
        Instant signedAt = amzDate != null ? parseAmzDate(amzDate) : parseHttpDate(first(headers, "date"));
        if (signedAt == null) {
            return Optional.of(new AwsError(400, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
                            + " Authorization=" + describeScheme(authorization)));
        }
        String requestDate = AMZ_DATE.format(signedAt);
        if (!requestDate.startsWith(scopeDate)) {
            return Optional.of(AwsError.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601"
                    + " version of date from HTTP: '" + scopeDate + "' != '" + requestDate.substring(0, 8) + "', from '"
                    + requestDate + "'."));
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            return Optional.of(AwsError.invalidSignature("Signature expired: " + requestDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)"));
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return Optional.of(AwsError.invalidSignature("Signature not yet current: " + requestDate
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 5 min.)"));
        }
        String bodyHash = HexFormat.of().formatHex(sha256(body));
        String declaredHash = first(headers, "x-amz-content-sha256");
        String payloadHash = declaredHash == null ? bodyHash : declaredHash.trim();
        if (declaredHash != null && !payloadHash.equals(UNSIGNED_PAYLOAD) && !payloadHash.equalsIgnoreCase(bodyHash)) {
            return Optional.of(AwsError.invalidSignature(MISMATCH
                    + " The body's SHA-256 is not the one its 'x-amz-content-sha256' header declares."));
        }
        for (String name : signedHeaders) {
            if (headers.apply(name).isEmpty()) {
                return Optional.of(AwsError.invalidSignature(MISMATCH + " Signed header '" + name
                        + "' is missing from the request."));
            }
        }
        int q = rawPathAndQuery.indexOf('?');
        String path = q < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, q);
        String query = q < 0 ? null : rawPathAndQuery.substring(q + 1);
        String scopeText = scopeDate + "/" + region + "/" + service + "/aws4_request";
        byte[] key = signingKey(secret, scopeDate, region, service);
        String canonical = CanonicalRequest.build(method, path, query, signedHeaders, headers, payloadHash, true);
        String stringToSign = stringToSign(requestDate, scopeText, canonical);
        if (matches(signature, key, stringToSign)) {
            return Optional.empty();
        }
        // a client may sign the path as sent, without normalizing it (S3-style signers do)
        String unnormalized = CanonicalRequest.build(method, path, query, signedHeaders, headers, payloadHash, false);
        if (!unnormalized.equals(canonical) && matches(signature, key, stringToSign(requestDate, scopeText,
                unnormalized))) {
            return Optional.empty();
        }
        // as AWS does, say what was expected (no secret in either): it is what a client author needs to fix a signer
        return Optional.of(AwsError.invalidSignature(MISMATCH + "\n\nThe Canonical String for this request should have"
                + " been\n'" + canonical + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n"));
    }

    private Optional<AwsError> checkRegion(String region, String host) {
        if (!REGION.matcher(region).matches()) {
            return Optional.of(AwsError.invalidSignature("Credential should be scoped to a valid region. "));
        }
        if (host != null) {
            var m = AWS_HOST.matcher(host.toLowerCase(Locale.ROOT));
            if (m.matches() && !m.group(2).equals(region)) {
                return Optional.of(AwsError.invalidSignature("Credential should be scoped to a valid region, not '"
                        + region + "'. "));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String signature, byte[] key, String stringToSign) {
        String expected = HexFormat.of().formatHex(hmac(key, stringToSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HexFormat.of().formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        return SigV4Keys.signingKey(secret, date, region, service);
    }

    /** @return the parameters after the algorithm name, or empty when the scheme is not AWS4-HMAC-SHA256 */
    private static Map<String, String> authorizationParameters(String authorization) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!authorization.startsWith(ALGORITHM + " ")) {
            return params;
        }
        for (String part : authorization.substring(ALGORITHM.length()).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return params;
    }

    private static String first(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static Instant parseAmzDate(String value) {
        try {
            return AMZ_DATE.parse(value.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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

}
