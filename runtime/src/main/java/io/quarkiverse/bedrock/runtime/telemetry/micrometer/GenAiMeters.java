package io.quarkiverse.bedrock.runtime.telemetry.micrometer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.bedrock.runtime.telemetry.ErrorTypes;
import io.quarkiverse.bedrock.runtime.telemetry.Observation;
import io.quarkiverse.bedrock.runtime.telemetry.Operation;
import io.quarkiverse.bedrock.runtime.telemetry.OperationObserver;
import io.quarkiverse.bedrock.runtime.telemetry.Outcome;
import io.quarkiverse.bedrock.runtime.telemetry.ServerAddress;
import io.quarkiverse.bedrock.runtime.telemetry.TelemetryConfig;

/**
 * The GenAI client metrics of the OpenTelemetry conventions, through Micrometer, plus the client's own (retries,
 * throttles, fallbacks, streams in flight). Registered only when {@code quarkus-micrometer} is present.
 * <p>
 * Every meter of one name has the same tag keys (Prometheus requires it), so a successful operation carries
 * {@code error.type=none}. The meters of each kind of operation (client, operation, model, server) are kept once
 * registered, so an operation looks none up: a meter removed from the registry by the application is not registered
 * again.
 */
@Singleton
public class GenAiMeters implements OperationObserver {

    static final String DURATION = "gen_ai.client.operation.duration";
    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";
    static final String RETRIES = "bedrock.client.retries";
    static final String THROTTLES = "bedrock.client.throttles";
    static final String FALLBACKS = "bedrock.client.fallbacks";
    static final String STREAMS_ACTIVE = "bedrock.client.streams.active";
    static final String NO_ERROR = "none";
    /** {@code gen_ai.request.model} of operations without a model (guardrails, async invocation look-ups). */
    static final String NO_MODEL = "none";

    /** The conventions' explicit bucket boundaries of the duration histograms, in seconds. */
    private static final Duration[] SECONDS_BUCKETS = durations(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);
    /** The conventions' explicit bucket boundaries of the token usage histogram. */
    private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
            4194304, 16777216, 67108864 };

    private final MeterRegistry registry;
    private final TelemetryConfig config;
    private final ConcurrentMap<String, AtomicInteger> streamsActive = new ConcurrentHashMap<>();
    private final ConcurrentMap<MeterKey, OperationMeters> operations = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters are registered
     * @param config the telemetry settings
     */
    public GenAiMeters(MeterRegistry registry, TelemetryConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public boolean enabled() {
        return config.metricsEnabled();
    }

    @Override
    public Observation start(Operation op, long startNanos) {
        MeterKey key = new MeterKey(op.client(), op.name(), op.model(), op.server(), op.stream());
        OperationMeters meters = operations.get(key);
        if (meters == null) {
            meters = operations.computeIfAbsent(key, OperationMeters::new);
        }
        if (meters.inFlight != null) {
            meters.inFlight.incrementAndGet();
        }
        return new MeterObservation(meters, Operation.COUNT_TOKENS.equals(op.name()), startNanos);
    }

    private AtomicInteger streamsGauge(String client) {
        AtomicInteger count = new AtomicInteger();
        Gauge.builder(STREAMS_ACTIVE, count, AtomicInteger::get).description("Streamed answers in progress")
                .tags("gen_ai.provider.name", "aws.bedrock", "bedrock.client.name", client).register(registry);
        return count;
    }

    private static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }

    /** What the meters of an operation are tagged by: operations with equal keys share their meters. */
    private record MeterKey(String client, String name, String model, ServerAddress server, boolean stream) {
    }

    /**
     * The meters of one kind of operation, looked up in the registry once rather than once per operation (a look-up
     * builds the tags and the meter's id). Meters recorded only on some outcomes (an error type, token usage) are
     * registered at their first use, as before.
     */
    private final class OperationMeters {

        private final Tags tags;
        private final AtomicInteger inFlight;
        private final Timer firstChunk;
        private final Timer perChunk;
        private final ConcurrentMap<String, Timer> durations = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, DistributionSummary> tokens = new ConcurrentHashMap<>();

        OperationMeters(MeterKey key) {
            Tags tags = Tags.of("gen_ai.operation.name", key.name(), "gen_ai.provider.name", "aws.bedrock",
                    "gen_ai.request.model", key.model() == null ? NO_MODEL : key.model(), "bedrock.client.name",
                    key.client());
            if (key.server().host() != null) {
                tags = tags.and("server.address", key.server().host(), "server.port",
                        Integer.toString(key.server().port()));
            } else {
                tags = tags.and("server.address", "unknown", "server.port", "-1");
            }
            this.tags = tags;
            if (key.stream()) {
                inFlight = streamsActive.computeIfAbsent(key.client(), GenAiMeters.this::streamsGauge);
                firstChunk = Timer.builder(TIME_TO_FIRST_CHUNK).description("Time to receive the first chunk")
                        .tags(tags).serviceLevelObjectives(SECONDS_BUCKETS).register(registry);
                perChunk = Timer.builder(TIME_PER_OUTPUT_CHUNK).description("Time per output chunk after the first")
                        .tags(tags).serviceLevelObjectives(SECONDS_BUCKETS).register(registry);
            } else {
                inFlight = null;
                firstChunk = null;
                perChunk = null;
            }
        }

        Timer duration(String errorType) {
            Timer timer = durations.get(errorType);
            return timer != null ? timer
                    : durations.computeIfAbsent(errorType, type -> Timer.builder(DURATION)
                            .description("GenAI operation duration").tags(tags).tag("error.type", type)
                            .serviceLevelObjectives(SECONDS_BUCKETS).register(registry));
        }

        DistributionSummary tokens(String type) {
            DistributionSummary summary = tokens.get(type);
            return summary != null ? summary
                    : tokens.computeIfAbsent(type, t -> DistributionSummary.builder(TOKEN_USAGE)
                            .description("Number of input and output tokens used").baseUnit("tokens").tags(tags)
                            .tag("gen_ai.token.type", t).serviceLevelObjectives(TOKEN_BUCKETS).register(registry));
        }
    }

    /** The meters of one operation. */
    private final class MeterObservation implements Observation {

        private final OperationMeters meters;
        private final boolean countTokens;
        private final long start;
        /** This stream's chunk intervals not recorded yet; made at its second output chunk. */
        private ChunkIntervals intervals;

        MeterObservation(OperationMeters meters, boolean countTokens, long start) {
            this.meters = meters;
            this.countTokens = countTokens;
            this.start = start;
        }

        @Override
        public void firstChunk(long sinceStart) {
            meters.firstChunk.record(sinceStart, TimeUnit.NANOSECONDS);
        }

        @Override
        public void nextChunk(long sincePrevious) {
            if (intervals == null) {
                intervals = new ChunkIntervals(meters.perChunk);
            }
            intervals.add(sincePrevious);
        }

        /** @return this: {@code time_per_output_chunk} takes every chunk after the first */
        @Override
        public Observation everyChunk() {
            return this;
        }

        @Override
        public void retry(int attempt, String cause, Duration backoff) {
            Counter.builder(RETRIES).description("Retries of Bedrock requests").tags(meters.tags).tag("error.type", cause)
                    .register(registry).increment();
        }

        @Override
        public void throttled() {
            Counter.builder(THROTTLES).description("Bedrock attempts answered with ThrottlingException")
                    .tags(meters.tags).register(registry).increment();
        }

        @Override
        public void fallback(String kind) {
            Counter.builder(FALLBACKS).description("Calls answered another way than asked, or held back")
                    .tags(meters.tags).tag("bedrock.client.fallback.kind", kind).register(registry).increment();
        }

        @Override
        public void succeeded(Outcome outcome) {
            duration(NO_ERROR);
            if (countTokens) {
                return; // counting tokens consumes none: not usage
            }
            int input = outcome.conventionInputTokens();
            if (input >= 0) {
                meters.tokens("input").record(input);
            }
            if (outcome.usage() != null) {
                meters.tokens("output").record(outcome.usage().outputTokens());
            }
        }

        @Override
        public void failed(Throwable failure) {
            duration(ErrorTypes.of(failure));
        }

        @Override
        public void cancelled() {
            duration(ErrorTypes.CANCELLED);
        }

        private void duration(String errorType) {
            if (intervals != null) {
                intervals.flush();
            }
            if (meters.inFlight != null) {
                meters.inFlight.decrementAndGet();
            }
            meters.duration(errorType).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
