package io.quarkiverse.bedrock.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.testing.EmulatorCredentials;
import io.quarkus.test.QuarkusUnitTest;

/** With no endpoint and no credentials, Dev Services starts the emulator and the injected client talks to it. */
class BedrockDevServicesTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            // the build machine may have AWS credentials: this test is about a machine without them
            .overrideConfigKey("quarkus.aws-bedrock.devservices.ignore-ambient-credentials", "true")
            .overrideConfigKey("quarkus.aws-bedrock.devservices.inter-token-delay", "0s")
            .setLogRecordPredicate(r -> r.getLoggerName().contains("BedrockDevServicesProcessor"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(r -> r.getLevel().equals(Level.INFO))
                    .hasSize(1)
                    .first().satisfies(r -> assertThat(r.getMessage() + r.getParameters()[0])
                            .contains("started the Bedrock emulator on").contains("http://127.0.0.1:")));

    @Inject
    @Bedrock
    BedrockClient client;

    @ConfigProperty(name = "quarkus.aws-bedrock.endpoint-override")
    Optional<String> endpoint;

    @ConfigProperty(name = "quarkus.aws-bedrock.credentials.access-key-id")
    Optional<String> accessKeyId;

    @Test
    void clientAnswersFromTheEmulator() {
        assertThat(endpoint).get().asString().startsWith("http://127.0.0.1:");
        assertThat(accessKeyId).hasValue(EmulatorCredentials.ACCESS_KEY_ID);
        ChatResponse answer = client.chat(ChatRequest.builder().model("anthropic.claude-3-haiku-20240307-v1:0")
                .user("Hello emulator").build()).await().atMost(Duration.ofSeconds(30));
        assertThat(answer.text()).isNotBlank();
        assertThat(answer.usage().outputTokens()).isEqualTo(40);
    }
}
