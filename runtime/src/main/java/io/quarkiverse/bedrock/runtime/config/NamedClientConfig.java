package io.quarkiverse.bedrock.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.bedrock.runtime.config.BedrockConfig.CredentialsType;

/**
 * A named client, {@code quarkus.aws-bedrock."name".*}: every property is optional and falls back to the default client's.
 * Credentials are taken as a whole: when any {@code credentials.*} property is set for the named client, none of the
 * default client's credentials apply to it.
 */
public interface NamedClientConfig {

    /** AWS region of this client; the default client's when unset. */
    Optional<String> region();

    /** Endpoint of this client; the default client's when unset. */
    Optional<URI> endpointOverride();

    /** How long to wait for a complete non-streaming answer; the default client's when unset. */
    Optional<Duration> timeout();

    /** How long a stream may stay silent; the default client's when unset. */
    Optional<Duration> streamIdleTimeout();

    /** Models served by non-streaming Converse when streaming with tools; the default client's when unset. */
    Optional<List<String>> streamingToolsFallback();

    /** Connection timeout; the default client's when unset. */
    Optional<Duration> connectTimeout();

    /** Whether streamed answers use HTTP/2; the default client's when unset. */
    Optional<Boolean> http2();

    /** Credentials of this client; the default client's when none is set. */
    NamedCredentialsConfig credentials();

    /** Credentials of a named client, see {@link BedrockConfig.CredentialsConfig}. */
    interface NamedCredentialsConfig {

        /** Where this client's credentials come from, see `quarkus.aws-bedrock.credentials.type`. */
        Optional<CredentialsType> type();

        /** AWS access key id. */
        Optional<String> accessKeyId();

        /** AWS secret access key. Never logged. */
        Optional<String> secretAccessKey();

        /** STS session token. Never logged. */
        Optional<String> sessionToken();

        /** Bedrock API key. Never logged. */
        Optional<String> apiKey();

        /** AWS profile name. */
        Optional<String> profileName();

        /** Credential process command. */
        Optional<String> processCommand();

        /** @return whether any property is set */
        default boolean anySet() {
            return type().isPresent() || accessKeyId().isPresent() || secretAccessKey().isPresent()
                    || sessionToken().isPresent() || apiKey().isPresent() || profileName().isPresent()
                    || processCommand().isPresent();
        }
    }
}
