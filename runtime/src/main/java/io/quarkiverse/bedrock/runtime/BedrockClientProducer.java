package io.quarkiverse.bedrock.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.runtime.config.BedrockConfig;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.vertx.mutiny.core.Vertx;

/** Produces the default {@code @Bedrock BedrockClient} bean from {@code quarkus.aws-bedrock.*}. */
@ApplicationScoped
public class BedrockClientProducer {

    /**
     * @param config {@code quarkus.aws-bedrock.*}
     * @param keyStore keys set at run time
     * @param vertx the application's Vert.x, for streaming
     * @param families the native formatters registered at build time
     * @return the client
     */
    @Produces
    @Bedrock
    @ApplicationScoped
    public BedrockClient bedrockClient(BedrockConfig config, BedrockKeyStore keyStore, Vertx vertx,
            FamilyRegistry families) {
        return BedrockClientFactory.create(ClientConfig.ofDefault(config), keyStore, vertx, families);
    }
}
