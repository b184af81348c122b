package io.quarkiverse.bedrock.runtime.health;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.bedrock.runtime.BedrockClientRegistry;
import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;

/**
 * The readiness check {@code Amazon Bedrock}: up when every client (the default one and each named one) has a region
 * and credentials, and, with {@code quarkus.aws-bedrock.health.check-endpoint}, an endpoint that answers. Registered
 * only with {@code quarkus.aws-bedrock.health.enabled=true} and {@code quarkus-smallrye-health}.
 */
@Readiness
@ApplicationScoped
public class BedrockReadinessCheck implements HealthCheck {

    static final String NAME = "Amazon Bedrock";

    private final BedrockClientRegistry registry;
    private final ClientReadiness readiness;

    BedrockReadinessCheck(BedrockClientRegistry registry, BedrockKeyStore keyStore, HealthConfig config) {
        this.registry = registry;
        this.readiness = new ClientReadiness(keyStore, config.checkEndpoint()
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // no h2c upgrade on http endpoints
                        .connectTimeout(config.endpointTimeout()).build()
                : null, config.endpointTimeout());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        List<String> names = new ArrayList<>();
        names.add(BedrockRuntimeConfig.DEFAULT_CLIENT);
        names.addAll(registry.configuredNames());
        for (String name : names) {
            ClientReadiness.Result result = readiness.check(registry.settings(name));
            if (!result.up()) {
                response.down();
            }
            result.data().forEach((key, value) -> response.withData(name + "." + key, value));
        }
        return response.build();
    }
}
