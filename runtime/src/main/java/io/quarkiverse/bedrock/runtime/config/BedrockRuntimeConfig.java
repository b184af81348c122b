package io.quarkiverse.bedrock.runtime.config;

import java.util.Map;

import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;

/**
 * Run-time configuration of the Bedrock clients, under {@code quarkus.aws-bedrock}: the root is not
 * {@code quarkus.bedrock} because that one belongs to quarkus-amazon-services' {@code quarkus-amazon-bedrock} (and
 * {@code quarkus.bedrockruntime} to its {@code quarkus-amazon-bedrockruntime}); both extensions can live in one
 * application.
 */
@ConfigMapping(prefix = "quarkus.aws-bedrock")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface BedrockRuntimeConfig {

    /** The name of the default client, the one configured without a name ({@code quarkus.aws-bedrock.region}). */
    String DEFAULT_CLIENT = BedrockKeyStore.DEFAULT_CLIENT;

    /**
     * The clients: the default one ({@code quarkus.aws-bedrock.*}, injected with {@code @Inject BedrockClient}) and named
     * ones ({@code quarkus.aws-bedrock."name".*}, injected with {@code @Inject @Bedrock("name") BedrockClient}). Each
     * setting of a named client falls back to the default client's value when unset; its credentials fall back as a
     * whole (when any {@code credentials.*} property of the named client is set, none of the default client's apply).
     */
    @ConfigDocSection
    @ConfigDocMapKey("client-name")
    @WithParentName
    @WithDefaults
    @WithUnnamedKey(DEFAULT_CLIENT)
    Map<String, ClientConfig> clients();
}
