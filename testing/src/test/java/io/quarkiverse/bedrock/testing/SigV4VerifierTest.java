package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.auth.SigV4;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The verifier against requests signed the way real clients sign them: the official SigV4 suite, botocore and
 * aws4fetch (no {@code x-amz-content-sha256}, content type signed, session token signed), the AWS SDK for Java signer
 * (content hash header signed), and a token added after signing.
 */
class SigV4VerifierTest {

    static final Path SUITE = Path.of("../../shared/testdata/sigv4/v4");
    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final String PATH = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
    static final String HOST = "127.0.0.1:8089";
    static final byte[] BODY = SignedClient.converseBody("hi").getBytes(StandardCharsets.UTF_8);
    static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID,
            EmulatorCredentials.SECRET_ACCESS_KEY);

    final SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC));

    /** A request as received: headers kept with the client's casing, looked up without regard to case. */
    static final class Wire {
        final String method;
        final String target;
        final List<Map.Entry<String, String>> headers = new ArrayList<>();
        byte[] body;

        Wire(String method, String target, byte[] body) {
            this.method = method;
            this.target = target;
            this.body = body;
        }

        Wire header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        Wire replace(String name, String value) {
            headers.removeIf(e -> e.getKey().equalsIgnoreCase(name));
            return header(name, value);
        }

        Function<String, List<String>> lookup() {
            return name -> headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .toList();
        }
    }

    Optional<AwsError> verify(Wire w) {
        return verifier.verify(w.method, w.target, w.lookup(), w.body);
    }

    /** Signs with the extension's own signer in the given style; the headers listed are signed, in that order. */
    static Wire signed(AwsCredentialsIdentity identity, Instant at, String region, boolean contentSha256,
            boolean signToken, List<Map.Entry<String, String>> signedHeaders) {
        SigV4.Result r = SigV4.sign(new SigV4.Request("POST", PATH, List.of(), signedHeaders, BODY), identity,
                new SigV4.Options("bedrock", region, at, true, contentSha256, signToken));
        Wire w = new Wire("POST", PATH, BODY.clone());
        signedHeaders.forEach(e -> w.header(e.getKey(), e.getValue()));
        r.headers().forEach(w::header);
        return w;
    }

    /** botocore: signs host, content-type, x-amz-date and the session token; no x-amz-content-sha256. */
    static Wire botocore(AwsCredentialsIdentity identity, Instant at) {
        return signed(identity, at, "us-east-1", false, true,
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("Host", HOST)));
    }

    /** aws4fetch (the Vercel AI SDK): lower-case headers, content-type and accept signed, no content hash header. */
    static Wire aws4fetch(AwsCredentialsIdentity identity, Instant at) {
        return signed(identity, at, "us-east-1", false, true, List.of(Map.entry("accept", "*/*"),
                Map.entry("content-type", "application/json"), Map.entry("host", HOST)));
    }

    @Test
    void botocoreStyleIsAccepted() {
        assertThat(verify(botocore(KEYS, NOW))).isEmpty();
        assertThat(verify(botocore(AwsSessionCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID,
                EmulatorCredentials.SECRET_ACCESS_KEY, "token-1"), NOW))).isEmpty();
    }

    @Test
    void aws4fetchStyleIsAccepted() {
        Wire w = aws4fetch(AwsSessionCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID,
                EmulatorCredentials.SECRET_ACCESS_KEY, "token-2"), NOW.minusSeconds(299));
        assertThat(w.lookup().apply("x-amz-content-sha256")).isEmpty();
        assertThat(verify(w)).isEmpty();
    }

    @Test
    void headerOrderAndCasingDoNotMatter() {
        Wire w = botocore(KEYS, NOW);
        Wire shuffled = new Wire(w.method, w.target, w.body);
        for (int i = w.headers.size() - 1; i >= 0; i--) {
            Map.Entry<String, String> e = w.headers.get(i);
            shuffled.header(i % 2 == 0 ? e.getKey().toUpperCase() : e.getKey().toLowerCase(), e.getValue());
        }
        assertThat(verify(shuffled)).isEmpty();
    }

    @Test
    void sessionTokenAddedAfterSigningIsAccepted() {
        Wire w = signed(AwsSessionCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID,
                EmulatorCredentials.SECRET_ACCESS_KEY, "token-3"), NOW, "us-east-1", true, false,
                List.of(Map.entry("Host", HOST)));
        assertThat(w.lookup().apply("x-amz-security-token")).containsExactly("token-3");
        assertThat(w.lookup().apply("authorization").get(0)).doesNotContain("x-amz-security-token");
        assertThat(verify(w)).isEmpty();
    }

    @Test
    void javaSdkSignerIsAccepted() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + HOST + PATH)).putHeader("Content-Type", "application/json").build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(KEYS).request(request)
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-3")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
        Wire w = new Wire("POST", signed.request().encodedPath(), BODY);
        signed.request().forEachHeader((name, values) -> values.forEach(v -> w.header(name, v)));
        assertThat(w.lookup().apply("host")).containsExactly(HOST);
        assertThat(w.lookup().apply("authorization").get(0)).contains("x-amz-content-sha256");
        assertThat(verify(w)).isEmpty();
    }

    @Test
    void wrongSecretIsRejectedWithTheExpectedCanonicalRequest() {
        Optional<AwsError> e = verify(botocore(AwsCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID, "nope"),
                NOW));
        assertThat(e).get().extracting(AwsError::status, AwsError::type).containsExactly(403,
                "InvalidSignatureException");
        assertThat(e.get().message()).startsWith("The request signature we calculated does not match")
                .contains("/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse")
                .doesNotContain(EmulatorCredentials.SECRET_ACCESS_KEY);
    }

    @Test
    void changedSignedHeaderIsRejected() {
        Wire w = botocore(KEYS, NOW).replace("Content-Type", "text/plain");
        assertThat(verify(w)).get().extracting(AwsError::type).isEqualTo("InvalidSignatureException");
    }

    @Test
    void changedUnsignedHeaderIsAccepted() {
        assertThat(verify(botocore(KEYS, NOW).header("User-Agent", "Boto3/1.40"))).isEmpty();
    }

    @Test
    void changedBodyIsRejectedWithOrWithoutContentHashHeader() {
        Wire plain = botocore(KEYS, NOW);
        plain.body = SignedClient.converseBody("ho").getBytes(StandardCharsets.UTF_8);
        assertThat(verify(plain)).get().extracting(AwsError::type).isEqualTo("InvalidSignatureException");

        Wire hashed = signed(KEYS, NOW, "us-east-1", true, true, List.of(Map.entry("Host", HOST)));
        hashed.body = SignedClient.converseBody("ho").getBytes(StandardCharsets.UTF_8);
        assertThat(verify(hashed)).get().extracting(AwsError::message).asString()
                .contains("x-amz-content-sha256");
    }

    @Test
    void scopeForAnotherServiceIsRejected() {
        SigV4.Result r = SigV4.sign(new SigV4.Request("POST", PATH, List.of(), List.of(Map.entry("Host", HOST)), BODY),
                KEYS, new SigV4.Options("bedrock-runtime", "us-east-1", NOW, true, false, true));
        Wire w = new Wire("POST", PATH, BODY).header("Host", HOST);
        r.headers().forEach(w::header);
        assertThat(verify(w)).get().extracting(AwsError::status, AwsError::message)
                .containsExactly(403, "Credential should be scoped to correct service: 'bedrock'. ");
    }

    @Test
    void invalidRegionOrOneThatIsNotTheHostsIsRejected() {
        Wire bad = signed(KEYS, NOW, "mars-1", false, true, List.of(Map.entry("Host", HOST)));
        assertThat(verify(bad)).get().extracting(AwsError::message)
                .isEqualTo("Credential should be scoped to a valid region. ");
        Wire otherHost = signed(KEYS, NOW, "us-west-2", false, true,
                List.of(Map.entry("Host", "bedrock-runtime.eu-west-1.amazonaws.com")));
        assertThat(verify(otherHost)).get().extracting(AwsError::message)
                .isEqualTo("Credential should be scoped to a valid region, not 'us-west-2'. ");
        Wire sameHost = signed(KEYS, NOW, "eu-west-1", false, true,
                List.of(Map.entry("Host", "bedrock-runtime.eu-west-1.amazonaws.com")));
        assertThat(verify(sameHost)).isEmpty();
    }

    @Test
    void skewOverFiveMinutesIsRejectedBothWays() {
        assertThat(verify(botocore(KEYS, NOW.minus(Duration.ofMinutes(6))))).get().extracting(AwsError::message)
                .asString().startsWith("Signature expired: 20260115T095400Z is now earlier than 20260115T095500Z");
        assertThat(verify(botocore(KEYS, NOW.plus(Duration.ofMinutes(6))))).get().extracting(AwsError::message)
                .asString().startsWith("Signature not yet current");
    }

    @Test
    void hostMustBeSigned() {
        Wire w = signed(KEYS, NOW, "us-east-1", false, true, List.of(Map.entry("Content-Type", "application/json")));
        w.header("Host", HOST);
        assertThat(verify(w)).get().extracting(AwsError::message)
                .isEqualTo("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void unknownKeyAndMalformedHeader() {
        Wire unknown = botocore(AwsCredentialsIdentity.create("AKIDUNKNOWN", "x"), NOW);
        assertThat(verify(unknown)).get().extracting(AwsError::type).isEqualTo("UnrecognizedClientException");
        Wire malformed = new Wire("POST", PATH, BODY).header("Authorization", "AWS4-HMAC-SHA256 Credential=x");
        assertThat(verify(malformed)).get().extracting(AwsError::type).isEqualTo("IncompleteSignatureException");
    }

    // ---- the official suite (aws-c-auth): same canonical request, and the signed request verifies

    static Stream<Path> suiteCases() throws IOException {
        if (!Files.isDirectory(SUITE)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("SigV4 suite missing at " + SUITE.toAbsolutePath());
            }
            return Stream.empty();
        }
        try (Stream<Path> dirs = Files.list(SUITE)) {
            return dirs.filter(d -> Files.exists(d.resolve("header-signed-request.txt"))).sorted().toList().stream();
        }
    }

    @Test
    void suiteIsPresent() {
        assumeTrue(Files.isDirectory(SUITE) || "true".equals(System.getenv("CI")),
                "SigV4 suite absent at " + SUITE.toAbsolutePath() + ": suite cases skipped");
        assertThat(Files.isDirectory(SUITE)).as("SigV4 suite at " + SUITE.toAbsolutePath()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteCases")
    void officialSuiteCase(Path dir) throws IOException {
        JsonNode context = SignedClient.JSON.readTree(dir.resolve("context.json").toFile());
        Wire w = parse(Files.readString(dir.resolve("header-signed-request.txt")));
        boolean normalize = context.path("normalize").asBoolean(true);
        String auth = w.lookup().apply("authorization").get(0);
        List<String> signed = List.of(auth.replaceAll(".*SignedHeaders=([^,]+),.*", "$1").split(";"));
        String payloadHash = w.lookup().apply("x-amz-content-sha256").stream().findFirst()
                .orElse(java.util.HexFormat.of().formatHex(io.quarkiverse.bedrock.runtime.auth.SigV4Keys.sha256(w.body)));
        int q = w.target.indexOf('?');
        String canonical = CanonicalRequest.build(w.method, q < 0 ? w.target : w.target.substring(0, q),
                q < 0 ? null : w.target.substring(q + 1), signed, w.lookup(), payloadHash, normalize);
        assertThat(canonical).isEqualTo(Files.readString(dir.resolve("header-canonical-request.txt")));

        JsonNode creds = context.path("credentials");
        SigV4Verifier suiteVerifier = new SigV4Verifier(
                Clock.fixed(Instant.parse(context.path("timestamp").asText()), ZoneOffset.UTC),
                context.path("service").asText(),
                id -> id.equals(creds.path("access_key_id").asText()) ? creds.path("secret_access_key").asText() : null);
        assertThat(suiteVerifier.verify(w.method, w.target, w.lookup(), w.body)).isEmpty();
    }

    /** A raw HTTP request of the suite: request line, headers (folded lines continue the previous one), body. */
    static Wire parse(String text) {
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        Wire w = new Wire(method, target, body);
        TreeMap<Integer, String[]> parsed = new TreeMap<>();
        int n = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !parsed.isEmpty()) {
                String[] last = parsed.lastEntry().getValue();
                last[1] = last[1] + " " + line.trim();
            } else {
                int colon = line.indexOf(':');
                parsed.put(n++, new String[] { line.substring(0, colon), line.substring(colon + 1) });
            }
        }
        parsed.values().forEach(h -> w.header(h[0], h[1]));
        return w;
    }
}
