package io.quarkiverse.bedrock.runtime.telemetry.otel;

import static io.quarkiverse.bedrock.runtime.telemetry.otel.GenAiAttributes.*;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.runtime.telemetry.ErrorTypes;
import io.quarkiverse.bedrock.runtime.telemetry.MessageContent;
import io.quarkiverse.bedrock.runtime.telemetry.Observation;
import io.quarkiverse.bedrock.runtime.telemetry.Operation;
import io.quarkiverse.bedrock.runtime.telemetry.OperationObserver;
import io.quarkiverse.bedrock.runtime.telemetry.Outcome;
import io.quarkiverse.bedrock.runtime.telemetry.TelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.TraceScope;
import io.vertx.core.Vertx;

/**
 * One CLIENT span per operation, following the OpenTelemetry GenAI semantic conventions: named
 * {@code {gen_ai.operation.name} {gen_ai.request.model}}, ended when the answer is complete, failed or cancelled.
 * Registered only when {@code quarkus-opentelemetry} is present.
 */
@Singleton
public class GenAiSpans implements OperationObserver {

    static final String INSTRUMENTATION = "io.quarkiverse.bedrock";
    /** {@code gen_ai.response.finish_reasons} of each stop reason, built once rather than per span. */
    private static final Map<StopReason, List<String>> FINISH_REASONS = finishReasons();

    private final Tracer tracer;
    private final TelemetryConfig config;
    /** Quarkus's Vert.x, where the HTTP clients keep the trace context; null outside Quarkus. */
    private final Vertx vertx;

    @Inject
    GenAiSpans(OpenTelemetry openTelemetry, TelemetryConfig config, Vertx vertx) {
        this(openTelemetry.getTracer(INSTRUMENTATION), config, vertx);
    }

    /**
     * Without CDI (benchmarks, tests).
     *
     * @param tracer where spans are started
     * @param config the telemetry settings
     */
    public GenAiSpans(Tracer tracer, TelemetryConfig config) {
        this(tracer, config, null);
    }

    private GenAiSpans(Tracer tracer, TelemetryConfig config, Vertx vertx) {
        this.tracer = tracer;
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    public boolean enabled() {
        return config.tracingEnabled();
    }

    @Override
    public Observation start(Operation op, long startNanos) {
        SpanBuilder builder = tracer.spanBuilder(op.spanName())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION_NAME, op.name())
                .setAttribute(PROVIDER_NAME, PROVIDER)
                .setAttribute(CLIENT_NAME, op.client());
        if (op.model() != null) {
            builder.setAttribute(REQUEST_MODEL, op.model());
        }
        if (Operation.CHAT.equals(op.name())) {
            builder.setAttribute(REQUEST_STREAM, op.stream());
        }
        if (op.server().host() != null) {
            builder.setAttribute(SERVER_ADDRESS, op.server().host()).setAttribute(SERVER_PORT, (long) op.server().port());
        }
        if (op.api() != null) {
            builder.setAttribute(BEDROCK_API, op.api());
        }
        if (op.guardrailId() != null) {
            builder.setAttribute(GUARDRAIL_ID, op.guardrailId());
        }
        ChatRequest request = op.request();
        if (request != null && Operation.CHAT.equals(op.name())) {
            // no ifPresent: its lambdas, capturing the builder, were allocated for every span
            Integer maxTokens = request.maxTokens().orElse(null);
            if (maxTokens != null) {
                builder.setAttribute(REQUEST_MAX_TOKENS, (long) maxTokens);
            }
            Double temperature = request.temperature().orElse(null);
            if (temperature != null) {
                builder.setAttribute(REQUEST_TEMPERATURE, temperature);
            }
            Double topP = request.topP().orElse(null);
            if (topP != null) {
                builder.setAttribute(REQUEST_TOP_P, topP);
            }
            if (!request.stopSequences().isEmpty()) {
                builder.setAttribute(REQUEST_STOP_SEQUENCES, request.stopSequences());
            }
        }
        if (request != null && config.recordContent()) {
            if (!request.system().isEmpty()) {
                builder.setAttribute(SYSTEM_INSTRUCTIONS, MessageContent.systemInstructions(request.system()));
            }
            builder.setAttribute(INPUT_MESSAGES, MessageContent.inputMessages(request.messages()));
        }
        Span span = builder.startSpan();
        Context context = Context.current().with(span);
        TraceScope scope = vertx == null ? new SpanScope(context) : new VertxSpanScope(vertx, context);
        return new SpanObservation(span, scope, config.recordContent(), Operation.COUNT_TOKENS.equals(op.name()));
    }

    private static Map<StopReason, List<String>> finishReasons() {
        Map<StopReason, List<String>> reasons = new EnumMap<>(StopReason.class);
        for (StopReason reason : StopReason.values()) {
            reasons.put(reason, List.of(reason.wireName()));
        }
        return reasons;
    }

    /** The span of one operation. */
    private static final class SpanObservation implements Observation {

        private final Span span;
        private final TraceScope scope;
        private final boolean recordContent;
        private final boolean countTokens;

        SpanObservation(Span span, TraceScope scope, boolean recordContent, boolean countTokens) {
            this.span = span;
            this.scope = scope;
            this.countTokens = countTokens;
            this.recordContent = recordContent;
        }

        @Override
        public boolean recordsContent() {
            return recordContent;
        }

        @Override
        public TraceScope traceScope() {
            return scope;
        }

        @Override
        public String traceId() {
            return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
        }

        @Override
        public void firstChunk(long sinceStart) {
            span.setAttribute(RESPONSE_TIME_TO_FIRST_CHUNK, sinceStart / 1e9);
        }

        @Override
        public void retry(int attempt, String cause, Duration backoff) {
            span.addEvent(RETRY_EVENT, Attributes.of(RETRY_ATTEMPT, (long) attempt, ERROR_TYPE, cause, RETRY_BACKOFF,
                    backoff.toNanos() / 1e9));
        }

        @Override
        public void fallback(String kind) {
            span.addEvent(FALLBACK_EVENT, Attributes.of(FALLBACK_KIND, kind));
        }

        @Override
        public void succeeded(Outcome outcome) {
            if (outcome.responseId() != null) {
                span.setAttribute(RESPONSE_ID, outcome.responseId());
            }
            if (outcome.responseModel() != null) {
                span.setAttribute(RESPONSE_MODEL, outcome.responseModel());
            }
            if (outcome.stopReason() != null) {
                span.setAttribute(RESPONSE_FINISH_REASONS, FINISH_REASONS.get(outcome.stopReason()));
            }
            if (outcome.api() != null) {
                span.setAttribute(BEDROCK_API, outcome.api());
            }
            int input = outcome.conventionInputTokens();
            if (countTokens && input >= 0) {
                span.setAttribute(COUNTED_TOKENS, (long) input);
            } else if (input >= 0) {
                span.setAttribute(USAGE_INPUT_TOKENS, (long) input);
            }
            Usage usage = outcome.usage();
            if (usage != null) {
                span.setAttribute(USAGE_OUTPUT_TOKENS, (long) usage.outputTokens());
                if (usage.cacheReadInputTokens() > 0) {
                    span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, (long) usage.cacheReadInputTokens());
                }
                if (usage.cacheWriteInputTokens() > 0) {
                    span.setAttribute(USAGE_CACHE_CREATION_INPUT_TOKENS, (long) usage.cacheWriteInputTokens());
                }
            }
            if (recordContent && outcome.outputText() != null) {
                span.setAttribute(OUTPUT_MESSAGES, MessageContent.outputMessage(outcome.outputText(),
                        outcome.stopReason()));
            }
            span.end();
        }

        @Override
        public void failed(Throwable failure) {
            span.setAttribute(ERROR_TYPE, ErrorTypes.of(failure));
            span.setStatus(StatusCode.ERROR); // no description: an exception message may quote the request
            end();
        }

        @Override
        public void cancelled() {
            span.setAttribute(ERROR_TYPE, ErrorTypes.CANCELLED);
            span.addEvent("cancelled");
            end();
        }

        private void end() {
            span.end();
        }
    }
}
