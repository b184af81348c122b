package io.quarkiverse.bedrock.runtime;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.auth.AwsEnvironment;
import io.quarkiverse.bedrock.auth.CredentialsResolver;
import io.quarkiverse.bedrock.auth.RegionResolver;
import io.quarkiverse.bedrock.auth.RequestSigner;
import io.quarkiverse.bedrock.client.DefaultBedrockClient;
import io.quarkiverse.bedrock.config.BedrockConfig;
import io.quarkiverse.bedrock.family.FamilyRegistry;
import io.quarkiverse.bedrock.transport.StreamingHttpClient;
import io.vertx.mutiny.core.Vertx;

/** Produces the {@code @Bedrock BedrockClient} bean from the configuration. */
@ApplicationScoped
public class BedrockClientProducer {

    /**
     * @param config {@code quarkus.bedrock.*}
     * @param vertx the application's Vert.x, for streaming
     * @param families the native formatters registered at build time
     * @return the client
     */
    @Produces
    @Bedrock
    @ApplicationScoped
    public BedrockClient bedrockClient(BedrockConfig config, Vertx vertx, FamilyRegistry families) {
        // our own mapper: the application's ObjectMapper customisations must not change the wire format
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return new DefaultBedrockClient(config, json,
                new CredentialsResolver(config.credentials(), AwsEnvironment.SYSTEM),
                new RegionResolver(config.region(), AwsEnvironment.SYSTEM),
                new RequestSigner(Clock.systemUTC()),
                new StreamingHttpClient(vertx, (int) config.connectTimeout().toMillis()),
                families);
    }
}
