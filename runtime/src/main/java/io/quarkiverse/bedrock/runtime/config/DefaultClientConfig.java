package io.quarkiverse.bedrock.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.bedrock.spi.BedrockKeyStore;

/** The default client's settings, read from {@code quarkus.aws-bedrock.*}; also used by a named client with no settings. */
final class DefaultClientConfig implements ClientConfig {

    private final BedrockConfig config;
    private final String name;

    DefaultClientConfig(BedrockConfig config) {
        this(config, BedrockKeyStore.DEFAULT_CLIENT);
    }

    private DefaultClientConfig(BedrockConfig config, String name) {
        this.config = config;
        this.name = name;
    }

    DefaultClientConfig renamed(String newName) {
        return new DefaultClientConfig(config, newName);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String prefix() {
        return "quarkus.aws-bedrock.";
    }

    @Override
    public Optional<String> region() {
        return config.region();
    }

    @Override
    public Optional<URI> endpointOverride() {
        return config.endpointOverride();
    }

    @Override
    public Duration timeout() {
        return config.timeout();
    }

    @Override
    public Duration streamIdleTimeout() {
        return config.streamIdleTimeout();
    }

    @Override
    public List<String> streamingToolsFallback() {
        return config.streamingToolsFallback();
    }

    @Override
    public Duration connectTimeout() {
        return config.connectTimeout();
    }

    @Override
    public Optional<Boolean> http2() {
        return config.http2();
    }

    @Override
    public BedrockConfig.CredentialsConfig credentials() {
        return config.credentials();
    }

    @Override
    public String toString() {
        return "ClientConfig[" + name + "]";
    }
}
