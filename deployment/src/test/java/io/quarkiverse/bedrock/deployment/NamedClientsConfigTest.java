package io.quarkiverse.bedrock.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NamedClientsConfigTest {

    @Test
    void namesComeFromNamedClientPropertiesOnly() {
        assertThat(NamedClients.inConfig(List.of(
                "quarkus.aws-bedrock.region",
                "quarkus.aws-bedrock.http2",
                "quarkus.aws-bedrock.plain.http2",
                "quarkus.aws-bedrock.credentials.access-key-id",
                "quarkus.aws-bedrock.devservices.enabled",
                "quarkus.aws-bedrock.\"tenant-a\".region",
                "quarkus.aws-bedrock.\"dotted.name\".timeout",
                "quarkus.aws-bedrock.tenant-b.credentials.api-key",
                "quarkus.aws-bedrock.tenant-b.endpoint-override",
                "quarkus.other.x.region")))
                .containsExactly("dotted.name", "plain", "tenant-a", "tenant-b");
    }

    @Test
    void everyPropertyOfANamedClientNamesIt() {
        assertThat(NamedClients.inConfig(List.of("quarkus.aws-bedrock.a.region", "quarkus.aws-bedrock.b.endpoint-override",
                "quarkus.aws-bedrock.c.timeout", "quarkus.aws-bedrock.d.stream-idle-timeout",
                "quarkus.aws-bedrock.e.streaming-tools-fallback", "quarkus.aws-bedrock.f.connect-timeout",
                "quarkus.aws-bedrock.g.http2", "quarkus.aws-bedrock.h.credentials.profile-name",
                "quarkus.aws-bedrock.i.no-such-property", "quarkus.aws-bedrock.j.credentials")))
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
    }
}
