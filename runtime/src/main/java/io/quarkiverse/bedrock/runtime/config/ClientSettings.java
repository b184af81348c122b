package io.quarkiverse.bedrock.runtime.config;

/**
 * One client's name and settings.
 *
 * @param name {@link BedrockRuntimeConfig#DEFAULT_CLIENT} or the client's name
 * @param config its settings (a named client's unset settings already hold the default client's values)
 */
public record ClientSettings(String name, ClientConfig config) {

    /** @return whether this is the default client */
    public boolean isDefault() {
        return BedrockRuntimeConfig.DEFAULT_CLIENT.equals(name);
    }

    /** @return the prefix of this client's properties, e.g. {@code quarkus.aws-bedrock."tenant-a".}, for messages */
    public String prefix() {
        return prefix(name);
    }

    /**
     * @param name a client name
     * @return the prefix of its properties
     */
    public static String prefix(String name) {
        return BedrockRuntimeConfig.DEFAULT_CLIENT.equals(name) ? NamedClientFallback.ROOT
                : NamedClientFallback.ROOT + (name.matches("[A-Za-z0-9_-]+") ? name : "\"" + name + "\"") + ".";
    }

    /** @return the prefix of this client's credentials properties */
    public String credentialsPrefix() {
        return prefix() + "credentials.";
    }
}
