package io.quarkiverse.bedrock.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.bedrock.runtime.config.NamedClientConfig.NamedCredentialsConfig;

/** A named client's settings: its own values, else the default client's. */
final class InheritedClientConfig implements ClientConfig {

    private final String name;
    private final NamedClientConfig named;
    private final BedrockConfig defaults;

    InheritedClientConfig(String name, NamedClientConfig named, BedrockConfig defaults) {
        this.name = name;
        this.named = named;
        this.defaults = defaults;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String prefix() {
        return "quarkus.aws-bedrock.\"" + name + "\".";
    }

    @Override
    public Optional<String> region() {
        return named.region().or(defaults::region);
    }

    @Override
    public Optional<URI> endpointOverride() {
        return named.endpointOverride().or(defaults::endpointOverride);
    }

    @Override
    public Duration timeout() {
        return named.timeout().orElseGet(defaults::timeout);
    }

    @Override
    public Duration streamIdleTimeout() {
        return named.streamIdleTimeout().orElseGet(defaults::streamIdleTimeout);
    }

    @Override
    public List<String> streamingToolsFallback() {
        return named.streamingToolsFallback().orElseGet(defaults::streamingToolsFallback);
    }

    @Override
    public Duration connectTimeout() {
        return named.connectTimeout().orElseGet(defaults::connectTimeout);
    }

    @Override
    public Optional<Boolean> http2() {
        return named.http2().or(defaults::http2);
    }

    @Override
    public BedrockConfig.CredentialsConfig credentials() {
        NamedCredentialsConfig own = named.credentials();
        if (!own.anySet()) {
            return defaults.credentials();
        }
        return new BedrockConfig.CredentialsConfig() {
            @Override
            public BedrockConfig.CredentialsType type() {
                return own.type().orElse(BedrockConfig.CredentialsType.DEFAULT);
            }

            @Override
            public Optional<String> accessKeyId() {
                return own.accessKeyId();
            }

            @Override
            public Optional<String> secretAccessKey() {
                return own.secretAccessKey();
            }

            @Override
            public Optional<String> sessionToken() {
                return own.sessionToken();
            }

            @Override
            public Optional<String> apiKey() {
                return own.apiKey();
            }

            @Override
            public Optional<String> profileName() {
                return own.profileName();
            }

            @Override
            public Optional<String> processCommand() {
                return own.processCommand();
            }

            @Override
            public String toString() {
                return "CredentialsConfig[" + name + ", type=" + type() + "]";
            }
        };
    }

    @Override
    public String toString() {
        return "ClientConfig[" + name + "]";
    }
}
