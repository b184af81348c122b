package io.quarkiverse.bedrock.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NamedClientsConfigTest {

    @Test
    void namesComeFromNamedClientPropertiesOnly() {
        assertThat(NamedClients.inConfig(List.of(
                "quarkus.bedrock.region",
                "quarkus.bedrock.http2",
                "quarkus.bedrock.plain.http2",
                "quarkus.bedrock.credentials.access-key-id",
                "quarkus.bedrock.devservices.enabled",
                "quarkus.bedrock.\"tenant-a\".region",
                "quarkus.bedrock.\"dotted.name\".timeout",
                "quarkus.bedrock.tenant-b.credentials.api-key",
                "quarkus.bedrock.tenant-b.endpoint-override",
                "quarkus.other.x.region")))
                .containsExactly("dotted.name", "plain", "tenant-a", "tenant-b");
    }
}
