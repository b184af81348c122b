package io.quarkiverse.bedrock.deployment.devservices;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.quarkiverse.bedrock.deployment.BuildTimeClientConfig;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;

/**
 * Decides whether the emulator may replace AWS: only when the default client has no endpoint override and the client's
 * own credentials resolver finds no credentials (configuration, key store, {@code AWS_BEARER_TOKEN_BEDROCK}, and the
 * AWS default chain's sources that need no network call: system properties, environment, web identity, a profile with
 * keys, SSO, a process or a role, container credentials).
 */
public final class EmulatorDecision {

    private EmulatorDecision() {
    }

    /**
     * @param config the application's configuration at build time
     * @param ignoreAmbient whether credentials outside the configuration (environment, system properties, files) are
     *        ignored
     * @return why the emulator must not start, or empty when it may
     */
    public static Optional<String> reasonNotToStart(Config config, boolean ignoreAmbient) {
        return reasonNotToStart(config, ignoreAmbient ? AwsEnvironment.of(Map.of(), Map.of()) : AwsEnvironment.SYSTEM);
    }

    /**
     * @param config the application's configuration at build time
     * @param environment where ambient credentials are looked for
     * @return why the emulator must not start, or empty when it may
     */
    public static Optional<String> reasonNotToStart(Config config, AwsEnvironment environment) {
        Optional<Map<String, ClientSettings>> clients = BuildTimeClientConfig.read(config);
        if (clients.isEmpty()) {
            return Optional.of("the quarkus.aws-bedrock configuration cannot be read at build time");
        }
        ClientSettings client = clients.get().get(BedrockRuntimeConfig.DEFAULT_CLIENT);
        if (client.config().endpointOverride().isPresent()) {
            String property = client.prefix() + "endpoint-override";
            return Optional.of(property + " is set (" + config.getConfigValue(property).getSourceName() + ")");
        }
        return new CredentialsResolver(client.config().credentials(), environment).ambientSource()
                .map(source -> "credentials found: " + source);
    }
}
