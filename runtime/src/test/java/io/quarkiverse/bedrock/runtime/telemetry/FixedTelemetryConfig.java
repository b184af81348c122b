package io.quarkiverse.bedrock.runtime.telemetry;

/**
 * Telemetry settings for tests: everything on, content and the trace id in {@code requestMetadata} as given.
 *
 * @param recordContent {@code record-content}
 * @param traceIdInRequestMetadata {@code trace-id-in-request-metadata}
 */
public record FixedTelemetryConfig(boolean recordContent, boolean traceIdInRequestMetadata) implements TelemetryConfig {

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean tracingEnabled() {
        return true;
    }

    @Override
    public boolean metricsEnabled() {
        return true;
    }
}
