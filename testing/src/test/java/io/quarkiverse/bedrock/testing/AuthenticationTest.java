package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.runtime.auth.AwsAuth;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class AuthenticationTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static BedrockEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.create(EmulatorOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC)).start();
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    private static SignedClient signedAt(Instant when) {
        return new SignedClient(emulator).clock(Clock.fixed(when, ZoneOffset.UTC));
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String type, String messageStart) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).get().asString()
                .startsWith(type + ":http://internal.amazon.com/coral/");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(SignedClient.json(r).get("message").asText()).startsWith(messageStart);
    }

    @Test
    void validSignatureIsAccepted() {
        assertThat(signedAt(NOW).send(MODEL, "converse", SignedClient.converseBody("hi")).statusCode()).isEqualTo(200);
        // up to 5 minutes of skew either way is fine, as on AWS
        assertThat(signedAt(NOW.minusSeconds(290)).send(MODEL, "converse", SignedClient.converseBody("hi")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void wrongSecretIsAnInvalidSignature() {
        HttpResponse<byte[]> r = signedAt(NOW).auth(new AwsAuth.SigV4(
                AwsCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID, "wrong-secret"), "test"))
                .send(MODEL, "converse", SignedClient.converseBody("hi"));
        assertError(r, 403, "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void tamperedBodyIsAnInvalidSignature() throws Exception {
        SignedClient client = signedAt(NOW);
        HttpRequest signed = client.request(MODEL, "converse", SignedClient.converseBody("hi")).build();
        HttpRequest.Builder tampered = HttpRequest.newBuilder(signed.uri())
                .POST(HttpRequest.BodyPublishers.ofString(SignedClient.converseBody("ho")));
        signed.headers().map().forEach((k, v) -> tampered.header(k, v.get(0)));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(tampered.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertError(r, 403, "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void unknownAccessKeyIsUnrecognized() {
        HttpResponse<byte[]> r = signedAt(NOW).auth(new AwsAuth.SigV4(
                AwsCredentialsIdentity.create("AKIDUNKNOWN000000000", EmulatorCredentials.SECRET_ACCESS_KEY), "test"))
                .send(MODEL, "converse", SignedClient.converseBody("hi"));
        assertError(r, 403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Test
    void signatureOlderThanFiveMinutesHasExpired() {
        HttpResponse<byte[]> r = signedAt(NOW.minus(Duration.ofMinutes(6))).send(MODEL, "converse",
                SignedClient.converseBody("hi"));
        assertError(r, 403, "InvalidSignatureException",
                "Signature expired: 20260115T095400Z is now earlier than 20260115T095500Z (20260115T100000Z - 5 min.)");
    }

    @Test
    void signatureFromTheFutureIsNotYetCurrent() {
        HttpResponse<byte[]> r = signedAt(NOW.plus(Duration.ofMinutes(6))).send(MODEL, "converse",
                SignedClient.converseBody("hi"));
        assertError(r, 403, "InvalidSignatureException", "Signature not yet current");
    }

    @Test
    void sessionCredentialsAreAccepted() {
        HttpResponse<byte[]> r = signedAt(NOW).auth(new AwsAuth.SigV4(AwsSessionCredentialsIdentity.create(
                EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY, "session-token-value"), "test"))
                .send(MODEL, "converse", SignedClient.converseBody("hi"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(emulator.lastRequest().header("X-Amz-Security-Token")).isEqualTo("session-token-value");
    }

    @Test
    void bearerApiKey() {
        assertThat(signedAt(NOW).auth(new AwsAuth.Bearer(EmulatorCredentials.API_KEY, "test"))
                .send(MODEL, "converse", SignedClient.converseBody("hi")).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> r = signedAt(NOW).auth(new AwsAuth.Bearer("not-the-key", "test"))
                .send(MODEL, "converse", SignedClient.converseBody("hi"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).get().asString().startsWith("AccessDeniedException");
    }

    @Test
    void missingAuthorization() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/model/x/converse"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertError(r, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Test
    void verificationCanBeSwitchedOff() throws Exception {
        try (BedrockEmulator open = BedrockEmulator.create(EmulatorOptions.defaults().withVerifySignatures(false)).start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(open.endpoint() + "/model/" + MODEL + "/converse"))
                    .POST(HttpRequest.BodyPublishers.ofString(SignedClient.converseBody("hi"))).build();
            assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode())
                    .isEqualTo(200);
        }
    }
}
