package io.quarkiverse.bedrock.runtime.config;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;

/** Where a client's credentials come from. */
@ConfigGroup
public interface CredentialsConfig {

    /**
     * Where credentials come from when neither the request's options nor the key store give any.
     * `default`: the `api-key` below, else the static keys below, else `AWS_BEARER_TOKEN_BEDROCK`, else the AWS
     * default chain (system properties, environment, web identity, profile, container, instance).
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
