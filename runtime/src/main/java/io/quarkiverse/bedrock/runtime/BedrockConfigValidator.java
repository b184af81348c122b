package io.quarkiverse.bedrock.runtime;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.config.BedrockConfig;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks the configuration when the application starts, so that a wrong region, endpoint or half-set key pair stops the
 * application with a message naming the property, instead of failing the first request.
 */
@ApplicationScoped
public class BedrockConfigValidator {

    void onStart(@Observes StartupEvent event, BedrockConfig config) {
        validate(ClientConfig.ofDefault(config));
        for (String name : config.namedClients().keySet()) {
            validate(ClientConfig.ofNamed(config, name));
        }
    }

    /**
     * @param config the configuration
     * @throws BedrockConfigurationException naming the property to fix
     */
    public static void validate(BedrockConfig config) {
        validate(ClientConfig.ofDefault(config));
    }

    /**
     * @param config the settings of one client
     * @throws BedrockConfigurationException naming the property to fix
     */
    public static void validate(ClientConfig config) {
        String p = config.prefix() + "credentials.";
        String region = new RegionResolver(config.region(), AwsEnvironment.SYSTEM).resolve(BedrockOptions.NONE);
        BedrockEndpoint.baseUri(region, config.endpointOverride());
        BedrockConfig.CredentialsConfig credentials = config.credentials();
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
        if (credentials.type() == BedrockConfig.CredentialsType.STATIC && !keyId) {
            throw new BedrockConfigurationException(p + "type=static needs"
                    + " " + p + "access-key-id and " + p + "secret-access-key");
        }
        if (credentials.type() == BedrockConfig.CredentialsType.API_KEY && !present(credentials.apiKey())) {
            throw new BedrockConfigurationException(
                    p + "type=api-key needs " + p + "api-key");
        }
    }

    private static boolean present(Optional<String> value) {
        return value.isPresent() && !value.get().isBlank();
    }
}
