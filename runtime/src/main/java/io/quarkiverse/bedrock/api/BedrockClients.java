package io.quarkiverse.bedrock.api;

import java.util.Set;

/**
 * Every Bedrock client of the application, by name: inject it to reach a client whose name is known only at run time
 * ({@code clients.get(tenant)}). Clients are created on first use from {@code quarkus.aws-bedrock."name".*} (a name
 * without configuration of its own gets the default client's settings) and closed when the application stops.
 */
public interface BedrockClients {

    /** @return the default client, the one of {@code quarkus.aws-bedrock.*} */
    BedrockClient get();

    /**
     * @param name a client name
     * @return that client, created on first use
     * @throws io.quarkiverse.bedrock.api.error.BedrockConfigurationException when its configuration is invalid
     */
    BedrockClient get(String name);

    /** @return the names of the clients configured with {@code quarkus.aws-bedrock."name".*} */
    Set<String> configuredNames();
}
