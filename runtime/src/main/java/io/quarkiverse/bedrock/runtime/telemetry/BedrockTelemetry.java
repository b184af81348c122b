package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;

/**
 * Decides whether and how the clients are observed: wraps a client in an {@link ObservedBedrockClient} when telemetry
 * is enabled and at least one observer (spans, metrics, recent requests) is active, and returns it unchanged otherwise,
 * so that an application without telemetry pays nothing.
 */
@Singleton
public class BedrockTelemetry {

    private final OperationObserver[] observers;
    private final ApiRouter router;
    private final boolean traceIdInRequestMetadata;

    BedrockTelemetry(TelemetryConfig config, @Any Instance<OperationObserver> candidates, FamilyRegistry families) {
        List<OperationObserver> active = new ArrayList<>();
        if (config.enabled()) {
            for (OperationObserver o : candidates) {
                if (o.enabled()) {
                    active.add(o);
                }
            }
        }
        this.observers = active.toArray(OperationObserver[]::new);
        this.router = new ApiRouter(families);
        this.traceIdInRequestMetadata = config.traceIdInRequestMetadata();
    }

    /** @return whether any observer is active */
    public boolean active() {
        return observers.length > 0;
    }

    /**
     * @param settings the client's name and settings
     * @param client the client
     * @return the client, observed when telemetry is active
     */
    public BedrockClient wrap(ClientSettings settings, BedrockClient client) {
        if (!active()) {
            return client;
        }
        return new ObservedBedrockClient(client, settings.name(), observers, serverOf(settings.config()),
                this::usesConverse, traceIdInRequestMetadata);
    }

    private Boolean usesConverse(ChatRequest request) {
        try {
            return router.route(request).converse();
        } catch (RuntimeException e) {
            return null; // an invalid request: the client reports it, the span gets no API
        }
    }

    static ServerAddress serverOf(ClientConfig config) {
        try {
            String region = config.endpointOverride().isPresent() ? null
                    : new RegionResolver(config.region(), AwsEnvironment.SYSTEM).withoutOptions().region();
            return ServerAddress.of(BedrockEndpoint.baseUri(region, config.endpointOverride()));
        } catch (RuntimeException e) {
            return ServerAddress.UNKNOWN; // no region: the client itself fails with the reason
        }
    }
}
