package io.quarkiverse.bedrock.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keys set at run time, the counterpart of {@code ReqLLM.put_key(:aws_bedrock, %{...})} in ReqLLM (see
 * {@link io.quarkiverse.bedrock.api.BedrockOptions}): inject it
 * and {@link #put(BedrockKey) put} a key for the default client (or {@link #put(String, BedrockKey) for a named one}).
 * A key put here wins over the configuration and the environment, and loses only to the request's own options. Putting
 * again replaces the key for the next request (rotation without restart); {@link #clear()} falls back to the
 * configuration. Thread-safe.
 */
@ApplicationScoped
public class BedrockKeyStore {

    /** The name of the default client ({@code @Bedrock BedrockClient} without a name). */
    public static final String DEFAULT_CLIENT = "<default>";

    private final Map<String, BedrockKey> keys = new ConcurrentHashMap<>();

    /** @param key the key of the default client, replacing any previous one */
    public void put(BedrockKey key) {
        put(DEFAULT_CLIENT, key);
    }

    /**
     * @param client the client name
     * @param key its key, replacing any previous one
     */
    public void put(String client, BedrockKey key) {
        keys.put(Objects.requireNonNull(client, "client"), Objects.requireNonNull(key, "key"));
    }

    /** @return the key of the default client */
    public Optional<BedrockKey> get() {
        return get(DEFAULT_CLIENT);
    }

    /** @param client the client name @return its key */
    public Optional<BedrockKey> get(String client) {
        return Optional.ofNullable(keys.get(client));
    }

    /** Removes the key of the default client: requests use the configuration again. */
    public void clear() {
        clear(DEFAULT_CLIENT);
    }

    /** @param client the client whose key to remove */
    public void clear(String client) {
        keys.remove(client);
    }

    /** Removes every key. */
    public void clearAll() {
        keys.clear();
    }

    @Override
    public String toString() {
        return "BedrockKeyStore[clients=" + new TreeSet<>(keys.keySet()) + "]";
    }
}
