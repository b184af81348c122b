package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockClients;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.error.UnrecognizedClientException;
import io.quarkiverse.bedrock.spi.BedrockKey;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.InjectBedrockEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Named clients: {@code quarkus.aws-bedrock."name".*} falls back to the default client's settings, credentials as a whole;
 * the key store applies per client, the default one included.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
@TestProfile(NamedClientsTest.Profile.class)
class NamedClientsTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** Named clients on top of the emulator's default client configuration. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.aws-bedrock.\"tenant-a\".region", "eu-west-3",
                    "quarkus.aws-bedrock.user-agent-suffix", "shop/1.4",
                    "quarkus.aws-bedrock.tenant-b.user-agent-suffix", "billing/2.0",
                    "quarkus.aws-bedrock.tenant-d.region", "us-west-2",
                    "quarkus.aws-bedrock.tenant-b.credentials.access-key-id", "AKIDNOTKNOWNTOTHEEMU",
                    "quarkus.aws-bedrock.tenant-b.credentials.secret-access-key", "not-the-secret");
        }
    }

    @InjectBedrockEmulator
    BedrockEmulator emulator;

    @Inject
    @Bedrock
    BedrockClient defaultClient;

    @Inject
    @Bedrock("tenant-a")
    BedrockClient tenantA;

    @Inject
    @Bedrock("tenant-b")
    BedrockClient tenantB;

    /** Not configured at all: known from this injection point only, it takes every default setting. */
    @Inject
    @Bedrock("tenant-c")
    BedrockClient tenantC;

    @Inject
    BedrockKeyStore keys;

    /** No qualifier: the default client. */
    @Inject
    BedrockClient unqualified;

    @Inject
    BedrockClients clients;

    @AfterEach
    void clearKeys() {
        keys.clearAll();
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().model("bedrock:anthropic.claude-3-haiku-20240307-v1:0").user("Hello").build();
    }

    private String signedRegion() {
        String authorization = emulator.lastRequest().header("Authorization");
        return authorization.split("Credential=")[1].split("/")[2];
    }

    @Test
    void aNamedClientTakesItsOwnRegionAndInheritsEndpointAndCredentials() {
        assertThat(tenantA.chat(hello()).await().atMost(WAIT).text()).isNotBlank();
        assertThat(signedRegion()).isEqualTo("eu-west-3");
        assertThat(defaultClient.chat(hello()).await().atMost(WAIT).text()).isNotBlank();
        assertThat(signedRegion()).isEqualTo("us-east-1");
    }

    @Test
    void credentialsOfANamedClientReplaceTheDefaultOnesAsAWhole() {
        assertThatThrownBy(() -> tenantB.chat(hello()).await().atMost(WAIT))
                .isInstanceOf(UnrecognizedClientException.class);
        assertThat(emulator.lastRequest().header("Authorization")).contains("AKIDNOTKNOWNTOTHEEMU");
    }

    @Test
    void aClientKnownOnlyFromAnInjectionPointUsesTheDefaultSettings() {
        assertThat(tenantC.chat(hello()).await().atMost(WAIT).text()).isNotBlank();
        assertThat(signedRegion()).isEqualTo("us-east-1");
    }

    @Test
    void theKeyStoreAppliesPerClientAndToTheDefaultClient() {
        keys.put("tenant-c", BedrockKey.ofKeys("AKIDROTATEDBUTWRONG1", "wrong-secret").withRegion("ap-south-1"));
        assertThatThrownBy(() -> tenantC.chat(hello()).await().atMost(WAIT))
                .isInstanceOf(UnrecognizedClientException.class);
        assertThat(signedRegion()).isEqualTo("ap-south-1");
        assertThat(defaultClient.chat(hello()).await().atMost(WAIT).text()).as("other clients unaffected").isNotBlank();

        keys.put(BedrockKey.ofKeys("AKIDROTATEDBUTWRONG2", "wrong-secret"));
        assertThatThrownBy(() -> defaultClient.chat(hello()).await().atMost(WAIT))
                .isInstanceOf(UnrecognizedClientException.class);
        keys.clear();
        assertThat(defaultClient.chat(hello()).await().atMost(WAIT).text()).as("back to the configuration").isNotBlank();
    }

    @Test
    void anUnqualifiedInjectionPointGetsTheDefaultClient() {
        assertThat(unqualified.chat(hello()).await().atMost(WAIT).text()).isNotBlank();
        assertThat(signedRegion()).isEqualTo("us-east-1");
        assertThat(clients.get().chat(hello()).await().atMost(WAIT).text()).isNotBlank();
    }

    @Test
    void aConfiguredNameIsReachableProgrammaticallyWithoutAnInjectionPoint() {
        assertThat(clients.configuredNames()).contains("tenant-a", "tenant-b", "tenant-d").doesNotContain("tenant-c");
        assertThat(clients.get("tenant-d").chat(hello()).await().atMost(WAIT).text()).isNotBlank();
        assertThat(signedRegion()).isEqualTo("us-west-2");
        assertThat(clients.get("made-up-at-run-time").chat(hello()).await().atMost(WAIT).text()).isNotBlank();
        assertThat(signedRegion()).as("an unconfigured name gets the default settings").isEqualTo("us-east-1");
    }

    @Test
    void theUserAgentSuffixIsSentByBothTransportsAndInheritedByNamedClients() {
        defaultClient.chat(hello()).await().atMost(WAIT);
        assertThat(emulator.lastRequest().header("User-Agent")).isEqualTo("quarkus-aws-bedrock shop/1.4");
        tenantA.stream(hello()).collect().asList().await().atMost(WAIT);
        assertThat(emulator.lastRequest().header("User-Agent")).isEqualTo("quarkus-aws-bedrock shop/1.4");
        assertThatThrownBy(() -> tenantB.chat(hello()).await().atMost(WAIT));
        assertThat(emulator.lastRequest().header("User-Agent")).isEqualTo("quarkus-aws-bedrock billing/2.0");
    }
}
