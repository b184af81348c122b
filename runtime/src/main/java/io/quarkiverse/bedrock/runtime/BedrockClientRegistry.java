package io.quarkiverse.bedrock.runtime;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockClients;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.client.DefaultBedrockClient;
import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.telemetry.BedrockTelemetry;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Owns every client of the application and everything each holds (its REST client instances and Vert.x HTTP clients),
 * and closes them when the application stops, dev-mode restarts included. The {@code BedrockClient} beans delegate
 * here.
 */
@Singleton
public class BedrockClientRegistry implements BedrockClients {

    private static final Logger LOG = Logger.getLogger(BedrockClientRegistry.class);

    private final BedrockRuntimeConfig config;
    private final BedrockKeyStore keyStore;
    private final Vertx vertx;
    private final FamilyRegistry families;
    private final BedrockTelemetry telemetry;
    private final ConcurrentMap<String, DefaultBedrockClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, BedrockClient> observed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    BedrockClientRegistry(BedrockRuntimeConfig config, BedrockKeyStore keyStore, Vertx vertx, FamilyRegistry families,
            BedrockTelemetry telemetry) {
        this.config = config;
        this.telemetry = telemetry;
        this.keyStore = keyStore;
        this.vertx = vertx;
        this.families = families;
    }

    /** Creates every configured client at startup, so that a wrong setting stops the application with its name. */
    void onStart(@Observes StartupEvent event) {
        get();
        configuredNames().forEach(this::get);
    }

    @Override
    public BedrockClient get() {
        return get(BedrockRuntimeConfig.DEFAULT_CLIENT);
    }

    @Override
    public BedrockClient get(String name) {
        if (name == null || name.isBlank()) {
            throw new BedrockConfigurationException("A Bedrock client name must not be empty: use get() for the default"
                    + " client");
        }
        if (closed) {
            throw new BedrockConfigurationException("The Bedrock clients are closed: the application is stopping");
        }
        return observed.computeIfAbsent(name, n -> telemetry.wrap(settings(n),
                clients.computeIfAbsent(n, c -> BedrockClientFactory.create(settings(c), keyStore, vertx, families))));
    }

    /**
     * @param name a client name
     * @return its settings: its own configuration when it has one, else the default client's
     */
    public ClientSettings settings(String name) {
        var own = config.clients().containsKey(name) ? config.clients().get(name)
                : config.clients().get(BedrockRuntimeConfig.DEFAULT_CLIENT);
        return new ClientSettings(name, own);
    }

    @Override
    public Set<String> configuredNames() {
        Set<String> names = new TreeSet<>(config.clients().keySet());
        names.remove(BedrockRuntimeConfig.DEFAULT_CLIENT);
        return names;
    }

    /** Closes every client: their pooled connections and HTTP clients are released. */
    @PreDestroy
    void close() {
        closed = true;
        clients.forEach((name, client) -> {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debugf(e, "Closing the Bedrock client %s failed", name);
            }
        });
        clients.clear();
        observed.clear();
    }
}
