package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.guardrail.ApplyGuardrailRequest;
import io.quarkiverse.bedrock.testing.EmulatorCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The REST client's own request/response logging turned on, as one does when debugging: the session token, the
 * signature and the secret never reach the log, and a session token mounted from a file (trailing line break) works.
 */
@QuarkusTest
@TestProfile(SecretsInLogsTest.Profile.class)
class SecretsInLogsTest {

    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjSESSIONTOKENMUSTNOTLEAK";

    /** Session credentials on a named client, with the REST client logging every request and response. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.logging.scope", "request-response",
                    "quarkus.rest-client.logging.body-limit", "200",
                    "quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "DEBUG",
                    "quarkus.aws-bedrock.logged.credentials.access-key-id", EmulatorCredentials.ACCESS_KEY_ID,
                    "quarkus.aws-bedrock.logged.credentials.secret-access-key", EmulatorCredentials.SECRET_ACCESS_KEY,
                    "quarkus.aws-bedrock.logged.credentials.session-token", SESSION_TOKEN + "\n");
        }
    }

    @Inject
    @Bedrock("logged")
    BedrockClient logged;

    private final LogCapture capture = new LogCapture("org.jboss.resteasy.reactive.client.logging", Level.ALL);

    @BeforeEach
    void listen() {
        capture.start();
    }

    @AfterEach
    void stopListening() {
        capture.stop();
    }

    @Test
    void theRestClientLogsTheExchangeWithoutCredentials() {
        // model calls go through the Vert.x client (the REST client does not log them); the session token mounted
        // with a line break still works for them
        String text = logged.chat(ChatRequest.builder().model("cohere.command-r-v1:0").user("Hello").build())
                .await().atMost(Duration.ofSeconds(20)).text();
        assertThat(text).isNotBlank();
        // the other operations go through the REST client, which logs them
        logged.guardrails().apply(ApplyGuardrailRequest.builder("gr1", "1").text("A harmless question").build())
                .await().atMost(Duration.ofSeconds(20));
        assertThat(capture.lines()).as("the REST client logged the request").isNotEmpty();
        assertThat(String.join("\n", capture.lines())).contains("apply").doesNotContain(SESSION_TOKEN)
                .doesNotContain(EmulatorCredentials.SECRET_ACCESS_KEY)
                .doesNotContain("Signature=");
    }
}
