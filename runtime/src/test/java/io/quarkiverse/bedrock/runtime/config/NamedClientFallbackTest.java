package io.quarkiverse.bedrock.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class NamedClientFallbackTest {

    private static BedrockRuntimeConfig config(Map<String, String> properties, String... profiles) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDiscoveredInterceptors()
                .addDefaultInterceptors()
                .withProfiles(List.of(profiles))
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(BedrockRuntimeConfig.class)
                .build();
        return config.getConfigMapping(BedrockRuntimeConfig.class);
    }

    private static ClientConfig client(BedrockRuntimeConfig config, String name) {
        return config.clients().get(name);
    }

    @Test
    void defaultClientHasTheDocumentedDefaults() {
        ClientConfig defaults = client(config(Map.of()), BedrockRuntimeConfig.DEFAULT_CLIENT);
        assertThat(defaults.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.region()).isEmpty();
        assertThat(defaults.credentials().type()).isEqualTo(CredentialsType.DEFAULT);
        assertThat(defaults.maxResponseSize().asLongValue()).isEqualTo(16L * 1024 * 1024);
        assertThat(defaults.budgets()).isEmpty();
    }

    @Test
    void aNamedClientTakesEachSettingItDoesNotSetFromTheDefaultClient() {
        BedrockRuntimeConfig config = config(Map.of(
                "quarkus.aws-bedrock.region", "eu-west-3",
                "quarkus.aws-bedrock.timeout", "2M",
                "quarkus.aws-bedrock.endpoint-override", "http://localhost:9999",
                "quarkus.aws-bedrock.user-agent-suffix", "shop/1.0",
                "quarkus.aws-bedrock.tenant-a.region", "us-west-2",
                "quarkus.aws-bedrock.\"tenant.b\".stream-idle-timeout", "5S"));
        ClientConfig a = client(config, "tenant-a");
        assertThat(a.region()).contains("us-west-2");
        assertThat(a.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(a.endpointOverride()).contains(URI.create("http://localhost:9999"));
        assertThat(a.userAgentSuffix()).contains("shop/1.0");
        ClientConfig b = client(config, "tenant.b");
        assertThat(b.region()).contains("eu-west-3");
        assertThat(b.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.clients().keySet()).contains("tenant-a", "tenant.b");
    }

    @Test
    void aNamedClientsOwnValueWinsEvenWhenItEqualsTheMappingDefault() {
        BedrockRuntimeConfig config = config(Map.of(
                "quarkus.aws-bedrock.timeout", "2M",
                "quarkus.aws-bedrock.tenant-a.timeout", "5M"));
        assertThat(client(config, "tenant-a").timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void credentialsFallBackAsAWhole() {
        BedrockRuntimeConfig config = config(Map.of(
                "quarkus.aws-bedrock.credentials.access-key-id", "AKIADEFAULT",
                "quarkus.aws-bedrock.credentials.secret-access-key", "default-secret",
                "quarkus.aws-bedrock.credentials.profile-name", "shared",
                "quarkus.aws-bedrock.inherits.region", "eu-west-1",
                "quarkus.aws-bedrock.own.credentials.type", "profile"));
        CredentialsConfig inherited = client(config, "inherits").credentials();
        assertThat(inherited.accessKeyId()).contains("AKIADEFAULT");
        assertThat(inherited.secretAccessKey()).contains("default-secret");
        CredentialsConfig own = client(config, "own").credentials();
        assertThat(own.type()).isEqualTo(CredentialsType.PROFILE);
        assertThat(own.accessKeyId()).isEmpty();
        assertThat(own.secretAccessKey()).isEmpty();
        assertThat(own.profileName()).isEmpty();
    }

    @Test
    void aProfileValueOfTheDefaultClientIsAFallbackToo() {
        BedrockRuntimeConfig config = config(Map.of(
                "quarkus.aws-bedrock.region", "eu-west-3",
                "%dev.quarkus.aws-bedrock.region", "ap-south-1",
                "quarkus.aws-bedrock.tenant-a.timeout", "1M"), "dev");
        assertThat(client(config, "tenant-a").region()).contains("ap-south-1");
        assertThat(client(config, BedrockRuntimeConfig.DEFAULT_CLIENT).region()).contains("ap-south-1");
    }

    @Test
    void quarkusAmazonBedrockKeysCreateNoClient() {
        BedrockRuntimeConfig config = config(Map.of(
                "quarkus.bedrock.aws.region", "eu-central-1",
                "quarkus.bedrock.aws.credentials.type", "static",
                "quarkus.bedrock.sync-client.type", "url",
                "quarkus.bedrock.endpoint-override", "http://localhost:4566",
                "quarkus.bedrock.devservices.enabled", "false",
                "quarkus.bedrockruntime.aws.region", "eu-central-1"));
        assertThat(config.clients().keySet()).doesNotContain("aws", "sync-client", "devservices");
        ClientConfig defaults = client(config, BedrockRuntimeConfig.DEFAULT_CLIENT);
        assertThat(defaults.region()).isEmpty();
        assertThat(defaults.endpointOverride()).isEqualTo(Optional.empty());
    }
}
