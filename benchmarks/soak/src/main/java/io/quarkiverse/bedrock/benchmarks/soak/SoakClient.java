package io.quarkiverse.bedrock.benchmarks.soak;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.client.DefaultBedrockClient;
import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.config.NamedClientFallback;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.runtime.transport.TransportLimits;
import io.quarkiverse.bedrock.runtime.transport.UserAgent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;

/**
 * quarkus-bedrock's default client, built as {@code BedrockClientFactory} builds it but on a plain Vert.x instance,
 * from the real {@link BedrockRuntimeConfig} mapping (defaults included) and the given properties.
 */
final class SoakClient implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final StreamingHttpClient http;
    private final DefaultBedrockClient client;

    /** @param properties {@code quarkus.aws-bedrock.*} properties: the emulator's, plus the ones under test */
    SoakClient(Map<String, String> properties) {
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withInterceptors(new NamedClientFallback())
                .withValidateUnknown(false)
                .withMapping(BedrockRuntimeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "soak", 500))
                .build();
        ClientSettings settings = new ClientSettings(BedrockRuntimeConfig.DEFAULT_CLIENT, smallRye
                .getConfigMapping(BedrockRuntimeConfig.class).clients().get(BedrockRuntimeConfig.DEFAULT_CLIENT));
        ClientConfig config = settings.config();
        this.http = new StreamingHttpClient(vertx, TransportLimits.of(settings),
                StreamingHttpClient.usesHttp2(config.http2(), config.endpointOverride()),
                UserAgent.of(config.userAgentSuffix()));
        this.client = new DefaultBedrockClient(settings,
                new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL),
                new CredentialsResolver(config.credentials(), AwsEnvironment.SYSTEM),
                new RegionResolver(config.region(), AwsEnvironment.SYSTEM),
                new RequestSigner(Clock.systemUTC()), http, new FamilyRegistry(List.of()));
    }

    BedrockClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        vertx.closeAndAwait();
    }
}
