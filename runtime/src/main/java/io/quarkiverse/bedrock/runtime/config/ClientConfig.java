package io.quarkiverse.bedrock.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.bedrock.spi.BedrockKeyStore;

/**
 * The settings of one Bedrock client, the default one ({@code quarkus.aws-bedrock.*}) or a named one
 * ({@code quarkus.aws-bedrock."name".*}, which falls back to the default client's values for what it does not set).
 */
public interface ClientConfig {

    /** @return the client name: {@link BedrockKeyStore#DEFAULT_CLIENT} for the default client */
    String name();

    /** @return the configuration prefix of this client's properties, e.g. {@code quarkus.aws-bedrock."tenant-a".} */
    String prefix();

    /** @return {@code region} */
    Optional<String> region();

    /** @return {@code endpoint-override} */
    Optional<URI> endpointOverride();

    /** @return {@code timeout} */
    Duration timeout();

    /** @return {@code stream-idle-timeout} */
    Duration streamIdleTimeout();

    /** @return {@code streaming-tools-fallback} */
    List<String> streamingToolsFallback();

    /** @return {@code connect-timeout} */
    Duration connectTimeout();

    /** @return {@code http2} */
    Optional<Boolean> http2();

    /** @return {@code credentials.*} */
    BedrockConfig.CredentialsConfig credentials();

    /**
     * @param config {@code quarkus.aws-bedrock.*}
     * @return the default client's settings
     */
    static ClientConfig ofDefault(BedrockConfig config) {
        return new DefaultClientConfig(config);
    }

    /**
     * @param config {@code quarkus.aws-bedrock.*}
     * @param name a client name
     * @return the settings of that named client: its own values, else the default client's
     */
    static ClientConfig ofNamed(BedrockConfig config, String name) {
        NamedClientConfig named = config.namedClients().get(name);
        return named == null ? new DefaultClientConfig(config).renamed(name)
                : new InheritedClientConfig(name, named, config);
    }
}
