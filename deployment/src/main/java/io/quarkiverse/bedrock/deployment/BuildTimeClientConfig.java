package io.quarkiverse.bedrock.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.config.NamedClientFallback;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The clients' run-time settings as the application's configuration holds them at build time, read through the same
 * mapping (and named-client fallback) as at run time: Dev Services and the Dev UI judge a client by the rules the client
 * itself uses, with no copy of them. Values that only exist at run time (environment of the deployed app) are not seen.
 */
public final class BuildTimeClientConfig {

    private BuildTimeClientConfig() {
    }

    /**
     * @param config the application's configuration at build time
     * @return the settings of every configured client, the default one first; empty when the configuration cannot be
     *         read at build time (an expression that only resolves at run time, for instance)
     */
    public static Optional<Map<String, ClientSettings>> read(Config config) {
        try {
            SmallRyeConfig appConfig = config.unwrap(SmallRyeConfig.class);
            List<ConfigSource> sources = new ArrayList<>();
            appConfig.getConfigSources().forEach(sources::add);
            SmallRyeConfig mapped = new SmallRyeConfigBuilder()
                    .withSources(sources)
                    .withProfiles(appConfig.getProfiles())
                    .addDefaultInterceptors()
                    .withInterceptors(new NamedClientFallback())
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                    .withMapping(BedrockRuntimeConfig.class)
                    .withValidateUnknown(false)
                    .build();
            BedrockRuntimeConfig runtime = mapped.getConfigMapping(BedrockRuntimeConfig.class);
            Map<String, ClientSettings> clients = new LinkedHashMap<>();
            clients.put(BedrockRuntimeConfig.DEFAULT_CLIENT, new ClientSettings(BedrockRuntimeConfig.DEFAULT_CLIENT,
                    runtime.clients().get(BedrockRuntimeConfig.DEFAULT_CLIENT)));
            new TreeSet<>(runtime.clients().keySet())
                    .forEach(name -> clients.put(name, new ClientSettings(name, runtime.clients().get(name))));
            return Optional.of(clients);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
