package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.runtime.resilience.AttemptHeaders;
import io.quarkiverse.bedrock.runtime.transport.ModelPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signing of Bedrock requests: model ids with {@code :} and ARNs with {@code /} are signed with the double-encoded
 * canonical URI AWS expects, checked against the AWS SDK's signer, and by a loopback Vert.x server that recomputes the
 * signature with the SDK signer from the request it received.
 */
class RequestSignerTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create("AKIDEXAMPLE", SECRET);
    private static final AwsSessionCredentialsIdentity SESSION = AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", SECRET,
            "session-token-value");
    private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"
            .getBytes(StandardCharsets.UTF_8);

    private static Vertx vertx;
    private static HttpServer server;
    /** What the loopback server concluded for each request: "ok" or why not. */
    private static final List<String> verdicts = new CopyOnWriteArrayList<>();
    private static final AtomicReference<String> receivedPath = new AtomicReference<>();

    @BeforeAll
    static void startVerifier() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String verdict = verify(req, body.getBytes());
            verdicts.add(verdict);
            req.response().setStatusCode(verdict.equals("ok") ? 200 : 403).end(verdict);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The stand-in's check: sign the received request again with the SDK, from the same credentials and date. */
    private static String verify(HttpServerRequest req, byte[] body) {
        receivedPath.set(req.path());
        String amzDate = req.getHeader("X-Amz-Date");
        String token = req.getHeader("X-Amz-Security-Token");
        String accessKeyId = token != null ? SESSION.accessKeyId() : KEYS.accessKeyId();
        AwsCredentialsIdentity id = token != null ? AwsSessionCredentialsIdentity.create(accessKeyId, SECRET, token) : KEYS;
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(req.method().name()))
                .protocol("http").host("127.0.0.1").port(server.actualPort()).encodedPath(req.path()).build();
        String expected = AwsV4HttpSigner.create().sign(r -> r.identity(id).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
        return expected.equals(req.getHeader("Authorization")) ? "ok" : "signature mismatch";
    }

    private static int send(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(BODY));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @ParameterizedTest
    @ValueSource(strings = { "anthropic.claude-v2:1", "us.anthropic.claude-3-5-haiku-20241022-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/mi1dadi0g15f" })
    void bedrockPathsAreSignedAsAwsExpects(String id) throws Exception {
        String encoded = ModelPath.encode(ModelId.parse(id));
        URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/model/" + encoded + "/converse");

        for (AwsCredentialsIdentity identity : List.of(KEYS, SESSION)) {
            verdicts.clear();
            Map<String, String> headers = new RequestSigner(Clock.systemUTC()).sign("POST", uri, BODY,
                    new AwsAuth.SigV4(identity, "test"), "us-east-1");
            assertThat(send(uri, headers)).isEqualTo(200);
            assertThat(verdicts).containsExactly("ok");
            assertThat(receivedPath.get()).isEqualTo("/model/" + encoded + "/converse");
        }

        // the canonical URI is the wire path encoded again: %3A -> %253A, %2F -> %252F
        String canonicalUri = SigV4.canonicalUri("/model/" + encoded + "/converse", true);
        assertThat(canonicalUri).isEqualTo("/model/" + encoded.replace("%", "%25") + "/converse");
        if (id.contains(":")) {
            assertThat(canonicalUri).contains("%253A");
        }
        if (id.contains("/")) {
            assertThat(canonicalUri).contains("%252F");
        }
    }

    @Test
    void aTamperedPathIsRejectedByTheVerifier() throws Exception {
        String encoded = ModelPath.encode(ModelId.parse("anthropic.claude-v2:1"));
        URI signed = URI.create("http://127.0.0.1:" + server.actualPort() + "/model/" + encoded + "/converse");
        URI sent = URI.create("http://127.0.0.1:" + server.actualPort() + "/model/anthropic.claude-v2:1/converse");
        verdicts.clear();
        Map<String, String> headers = new RequestSigner(Clock.systemUTC()).sign("POST", signed, BODY,
                new AwsAuth.SigV4(KEYS, "test"), "us-east-1");
        assertThat(send(sent, headers)).isEqualTo(403);
        assertThat(verdicts).containsExactly("signature mismatch");
    }

    @Test
    void sameAsTheSdkSignerForTheRealHost() {
        URI uri = URI.create("https://bedrock-runtime.eu-west-3.amazonaws.com/model/"
                + ModelPath.encode(ModelId.parse("arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.x.y-v1:0"))
                + "/converse-stream");
        Map<String, String> ours = new RequestSigner(Clock.fixed(T0, ZoneOffset.UTC)).sign("POST", uri, BODY,
                new AwsAuth.SigV4(SESSION, "test"), "eu-west-3");
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri).build();
        var sdk = AwsV4HttpSigner.create().sign(r -> r.identity(SESSION).request(request)
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-3")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(T0, ZoneOffset.UTC))).request();
        assertThat(ours.get("Authorization")).isEqualTo(sdk.firstMatchingHeader("Authorization").orElseThrow());
        assertThat(ours.get("X-Amz-Date")).isEqualTo(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow());
        assertThat(ours.get("x-amz-content-sha256")).isEqualTo(sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        assertThat(ours.get("X-Amz-Security-Token")).isEqualTo("session-token-value");
        assertThat(ours.get("Authorization"))
                .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token")
                .contains("/eu-west-3/bedrock/aws4_request");
    }

    @Test
    void everyAttemptIsSignedAgainAtItsOwnTime() {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        RequestSigner signer = new RequestSigner(clock);
        URI uri = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-v2%3A1/converse");
        Map<String, String> first = signer.sign("POST", uri, BODY, new AwsAuth.SigV4(KEYS, "t"), "us-east-1");
        now.set(T0.plusSeconds(301)); // a retry after the 5-minute validity of the first signature
        Map<String, String> retry = signer.sign("POST", uri, BODY, new AwsAuth.SigV4(KEYS, "t"), "us-east-1");
        assertThat(first.get("X-Amz-Date")).isEqualTo("20261125T060000Z");
        assertThat(retry.get("X-Amz-Date")).isEqualTo("20261125T060501Z");
        assertThat(retry.get("Authorization")).isNotEqualTo(first.get("Authorization"));
    }

    @Test
    void twoAttemptsInTheSameSecondCarryDifferentSignaturesThroughTheirSignedAttemptHeaders() {
        RequestSigner signer = new RequestSigner(Clock.fixed(T0, ZoneOffset.UTC));
        URI uri = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-v2%3A1/converse");
        AttemptHeaders attempts = new AttemptHeaders(3);
        Map<String, String> first = signer.sign("POST", uri, BODY, new AwsAuth.SigV4(KEYS, "t"), "us-east-1",
                attempts.next());
        Map<String, String> second = signer.sign("POST", uri, BODY, new AwsAuth.SigV4(KEYS, "t"), "us-east-1",
                attempts.next());
        assertThat(first.get("X-Amz-Date")).isEqualTo(second.get("X-Amz-Date"));
        assertThat(first.get("Authorization")).isNotEqualTo(second.get("Authorization"))
                .contains("SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date");
        assertThat(first).containsEntry("amz-sdk-request", "attempt=1; max=3");
        assertThat(second).containsEntry("amz-sdk-request", "attempt=2; max=3")
                .containsEntry("amz-sdk-invocation-id", first.get("amz-sdk-invocation-id"));

        // the same signature as the SDK's signer over a request holding those headers
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("amz-sdk-invocation-id", second.get("amz-sdk-invocation-id"))
                .putHeader("amz-sdk-request", second.get("amz-sdk-request")).build();
        var sdk = AwsV4HttpSigner.create().sign(r -> r.identity(KEYS).request(request)
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(T0, ZoneOffset.UTC))).request();
        assertThat(second.get("Authorization")).isEqualTo(sdk.firstMatchingHeader("Authorization").orElseThrow());
    }

    @Test
    void bearerSendsOnlyTheAuthorizationHeader() {
        Map<String, String> headers = new RequestSigner(Clock.systemUTC()).sign("POST",
                URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/x.y/converse"), BODY,
                new AwsAuth.Bearer("bedrock-api-key-value", "t"), "us-east-1");
        assertThat(headers).containsExactly(Map.entry("Authorization", "Bearer bedrock-api-key-value"));
    }

    @Test
    void hostHeaderOmitsDefaultPorts() {
        assertThat(RequestSigner.hostHeader(URI.create("https://h.example:443/x"))).isEqualTo("h.example");
        assertThat(RequestSigner.hostHeader(URI.create("http://h.example:80/x"))).isEqualTo("h.example");
        assertThat(RequestSigner.hostHeader(URI.create("http://127.0.0.1:8089/x"))).isEqualTo("127.0.0.1:8089");
        assertThat(RequestSigner.hostHeader(URI.create("https://h.example/x"))).isEqualTo("h.example");
    }
}
