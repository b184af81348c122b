package io.quarkiverse.bedrock.runtime;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
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
     * @param regions the client's region chain
     * @param credentials the client's credentials resolver
     * @throws BedrockConfigurationException naming the property to fix
     */
    public static void validate(ClientSettings settings, RegionResolver regions, CredentialsResolver credentials) {
        BedrockEndpoint.baseUri(regions.withoutOptions().region(), settings.config().endpointOverride());
        UserAgent.validate(settings.config().userAgentSuffix(), settings.prefix() + "user-agent-suffix");
        credentials.checkConfiguration();
    }
}
