package io.quarkiverse.bedrock.runtime.telemetry;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Telemetry of the Bedrock clients, under {@code quarkus.aws-bedrock.telemetry}: OpenTelemetry spans (when
 * {@code quarkus-opentelemetry} is present) and Micrometer metrics (when {@code quarkus-micrometer} is present).
 */
@ConfigMapping(prefix = "quarkus.aws-bedrock.telemetry")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface TelemetryConfig {

    /**
     * Whether the Bedrock clients emit telemetry at all. When false, the clients are not wrapped: no span, no metric, no
     * recent-requests entry.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether to emit OpenTelemetry GenAI spans (needs {@code quarkus-opentelemetry}).
     */
    @WithDefault("true")
    boolean tracingEnabled();

    /**
     * Whether to record Micrometer GenAI metrics (needs {@code quarkus-micrometer}).
     */
    @WithDefault("true")
    boolean metricsEnabled();

    /**
     * Whether spans may carry prompt and completion content ({@code gen_ai.system_instructions},
     * {@code gen_ai.input.messages}, {@code gen_ai.output.messages}). Off by default: prompts often hold personal data.
     */
    @WithDefault("false")
    boolean recordContent();

    /**
     * Whether chat requests carry the current trace id in Bedrock's {@code requestMetadata} (as {@code trace_id}), so
     * that Bedrock's model invocation logs can be joined with the traces. Converse API only (InvokeModel has no
     * metadata); needs the spans ({@code quarkus-opentelemetry}).
     */
    @WithDefault("false")
    boolean traceIdInRequestMetadata();
}
