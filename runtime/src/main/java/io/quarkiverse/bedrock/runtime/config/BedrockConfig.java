package io.quarkiverse.bedrock.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Run-time configuration of the Bedrock client.
 */
@ConfigMapping(prefix = "quarkus.aws-bedrock")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface BedrockConfig {

    /**
     * AWS region of the Bedrock Runtime endpoint, e.g. `eu-west-3`.
     * A request's `region` option and a key store region win over it.
     * When unset: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the AWS profile's `region`, then `us-east-1`.
     */
    Optional<String> region();

    /**
     * Endpoint to send requests to instead of `https://bedrock-runtime.<region>.amazonaws.com`, e.g. a local
     * emulator or a VPC endpoint. Requests are still signed for the configured region.
     */
    Optional<URI> endpointOverride();

    /**
     * How long to wait for the complete answer of a non-streaming call.
     */
    @WithDefault("5M")
    Duration timeout();

    /**
     * How long a streamed answer may stay silent (no bytes from Bedrock while the subscriber waits for more) before it
     * fails with a `StreamInterruptedException`. Protects against streams that never send their stop event. Time a
     * subscriber spends without requesting does not count: that is backpressure.
     */
    @WithDefault("60S")
    Duration streamIdleTimeout();

    /**
     * Base model id prefixes of the models that reject tool use in streaming mode. A streamed request with tools for
     * these models is served by non-streaming Converse and replayed as chunks (its metadata chunk says `converse`).
     * Other models fall back the same way when Bedrock answers that they do not support tool use in streaming mode.
     */
    @WithDefault("amazon.nova,mistral.,meta.llama3-3-70b,openai.gpt-oss")
    List<String> streamingToolsFallback();

    /**
     * Connection timeout to the Bedrock endpoint.
     */
    @WithDefault("10S")
    Duration connectTimeout();

    /**
     * Whether streamed answers use HTTP/2, as the AWS SDK does for Bedrock Runtime: the streams a client opens share
     * one connection instead of one connection each. Unset, HTTP/2 is used over `https` (negotiated with ALPN, falling
     * back to HTTP/1.1) and HTTP/1.1 over a plain `http` `endpoint-override` (a proxy or mock may not speak HTTP/2).
     * `true` also uses HTTP/2 over plain `http`, with prior knowledge (h2c: the emulator speaks it); `false` always
     * uses HTTP/1.1.
     */
    Optional<Boolean> http2();

    /**
     * Credentials used to sign requests.
     */
    @ConfigDocSection
    CredentialsConfig credentials();

    /**
     * Named clients, injected with `@Inject @Bedrock("name") BedrockClient`. Each property of a named client falls back
     * to the default client's value when unset; credentials fall back as a whole.
     */
    @ConfigDocMapKey("client-name")
    @WithParentName
    Map<String, NamedClientConfig> namedClients();

    /**
     * Credentials configuration.
     */
    interface CredentialsConfig {

        /**
         * Where credentials come from when neither the request's options nor the key store give any.
         * `default`: the `api-key` below, else the static keys below, else `AWS_BEARER_TOKEN_BEDROCK`, else the AWS
         * default chain (environment, system properties, web identity, profile, container, instance).
         * Any other value uses only that source, and fails with a message naming it when it has no credentials.
         */
        @WithDefault("default")
        CredentialsType type();

        /**
         * AWS access key id, for `static` (or `default`) credentials.
         */
        Optional<String> accessKeyId();

        /**
         * AWS secret access key, for `static` (or `default`) credentials. Never logged.
         */
        Optional<String> secretAccessKey();

        /**
         * STS session token of temporary credentials. Never logged.
         */
        Optional<String> sessionToken();

        /**
         * Bedrock API key, sent as `Authorization: Bearer` instead of a SigV4 signature. Never logged.
         */
        Optional<String> apiKey();

        /**
         * Profile name in `~/.aws/credentials` and `~/.aws/config`, for `profile` credentials.
         * When unset: `AWS_PROFILE`, then `default`.
         */
        Optional<String> profileName();

        /**
         * Command printing credentials as JSON (the `credential_process` format), for `process` credentials.
         */
        Optional<String> processCommand();
    }

    /** Sources of credentials. */
    enum CredentialsType {
        /** Static keys from this configuration when set, else the AWS default chain. */
        DEFAULT,
        /** The static keys of this configuration. */
        STATIC,
        /** The Bedrock API key of this configuration (`api-key`). */
        API_KEY,
        /** `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`. */
        ENV_VARIABLE,
        /** The `aws.accessKeyId`, `aws.secretAccessKey` and `aws.sessionToken` system properties. */
        SYSTEM_PROPERTY,
        /** A profile of the AWS shared configuration files. */
        PROFILE,
        /** ECS/EKS container credentials. */
        CONTAINER,
        /** EC2 instance profile credentials (IMDS). */
        INSTANCE_PROFILE,
        /** An external process (`credential_process`). */
        PROCESS
    }
}
