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

    @Test
    void everyPropertyOfANamedClientNamesIt() {
        assertThat(NamedClients.inConfig(List.of("quarkus.bedrock.a.region", "quarkus.bedrock.b.endpoint-override",
                "quarkus.bedrock.c.timeout", "quarkus.bedrock.d.stream-idle-timeout",
                "quarkus.bedrock.e.streaming-tools-fallback", "quarkus.bedrock.f.connect-timeout",
                "quarkus.bedrock.g.http2", "quarkus.bedrock.h.credentials.profile-name",
                "quarkus.bedrock.i.no-such-property", "quarkus.bedrock.j.credentials")))
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
    }
}
