package io.quarkiverse.bedrock.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfiguredClientsTest {

    @Test
    void namesComeFromPropertiesOfANamedClientOnly() {
        assertThat(ConfiguredClients.names(List.of(
                "quarkus.aws-bedrock.region",
                "quarkus.aws-bedrock.credentials.access-key-id",
                "quarkus.aws-bedrock.devservices.enabled",
                "quarkus.aws-bedrock.tenant-a.region",
                "quarkus.aws-bedrock.\"tenant.b\".credentials.api-key",
                "%dev.quarkus.aws-bedrock.tenant-c.user-agent-suffix",
                "quarkus.aws-bedrock.typo.no-such-setting",
                "quarkus.bedrock.aws.region",
                "quarkus.bedrock.sync-client.type",
                "quarkus.bedrockruntime.aws.region")))
                .containsExactly("tenant-a", "tenant-c", "tenant.b");
    }
}
