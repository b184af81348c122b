package io.quarkiverse.bedrock.runtime;

import java.util.Optional;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.config.CredentialsConfig;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.runtime.transport.UserAgent;

/**
 * Checks a client's settings before the client is created (for every configured client when the application starts),
 * so that a wrong region, endpoint or half-set key pair stops the application with a message naming the property,
 * instead of failing the first request.
 */
public final class BedrockConfigValidator {

    private BedrockConfigValidator() {
    }

    /**
     * @param settings the settings of one client
     * @throws BedrockConfigurationException naming the property to fix
     */
    public static void validate(ClientSettings settings) {
        String p = settings.credentialsPrefix();
        String region = new RegionResolver(settings.config().region(), AwsEnvironment.SYSTEM).resolve(BedrockOptions.NONE);
        BedrockEndpoint.baseUri(region, settings.config().endpointOverride());
        UserAgent.validate(settings.config().userAgentSuffix(), settings.prefix() + "user-agent-suffix");
        CredentialsConfig credentials = settings.config().credentials();
        boolean keyId = present(credentials.accessKeyId());
        boolean secret = present(credentials.secretAccessKey());
        if (keyId && !secret) {
            throw new BedrockConfigurationException(p + "access-key-id is set but"
                    + " " + p + "secret-access-key is missing or empty: set both");
        }
        if (secret && !keyId) {
            throw new BedrockConfigurationException(p + "secret-access-key is set but"
                    + " " + p + "access-key-id is missing: set both");
        }
        if (credentials.type() == CredentialsType.STATIC && !keyId) {
            throw new BedrockConfigurationException(p + "type=static needs"
                    + " " + p + "access-key-id and " + p + "secret-access-key");
        }
        if (credentials.type() == CredentialsType.API_KEY && !present(credentials.apiKey())) {
            throw new BedrockConfigurationException(
                    p + "type=api-key needs " + p + "api-key");
        }
    }

    private static boolean present(Optional<String> value) {
        return value.isPresent() && !value.get().isBlank();
    }
}
