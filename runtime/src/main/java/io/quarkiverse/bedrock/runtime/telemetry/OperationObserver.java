package io.quarkiverse.bedrock.runtime.telemetry;

/**
 * Observes Bedrock operations: one implementation per telemetry backend (OpenTelemetry, Micrometer, the Dev UI's recent
 * requests), each a bean registered only when its library is present.
 */
public interface OperationObserver {

    /** @return whether this observer is switched on by configuration */
    default boolean enabled() {
        return true;
    }

    /**
     * @param operation what is about to be sent
     * @param startNanos {@link System#nanoTime()} at its start
     * @return the observation of that operation
     */
    Observation start(Operation operation, long startNanos);
}
