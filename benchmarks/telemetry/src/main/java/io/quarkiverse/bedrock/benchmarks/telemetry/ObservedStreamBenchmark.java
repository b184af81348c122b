package io.quarkiverse.bedrock.benchmarks.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.runtime.telemetry.CannedStreamClient;
import io.quarkiverse.bedrock.runtime.telemetry.DiscardingSpanExporter;
import io.quarkiverse.bedrock.runtime.telemetry.FixedTelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.ObservedBedrockClient;
import io.quarkiverse.bedrock.runtime.telemetry.OperationObserver;
import io.quarkiverse.bedrock.runtime.telemetry.ServerAddress;
import io.quarkiverse.bedrock.runtime.telemetry.TelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.TraceScope;
import io.quarkiverse.bedrock.runtime.telemetry.micrometer.GenAiMeters;
import io.quarkiverse.bedrock.runtime.telemetry.otel.GenAiSpans;

/**
 * The per-stream cost of telemetry, without network or decoding: one streamed chat (start, N text deltas, stop, usage,
 * metadata, end) through {@link ObservedBedrockClient} with the observers an application with quarkus-opentelemetry and
 * quarkus-micrometer has (spans to the OTel SDK's batch span processor, whose exporter discards them; metrics to a
 * {@link SimpleMeterRegistry}), against the same stream unobserved ({@code off}). The delegate answers with prebuilt
 * chunks and, like the real client, sends its request within {@link TraceScope#within}. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} of {@code spans+meters} minus that of {@code off} is the bytes telemetry allocates per
 * stream; comparing 50 and 200 deltas shows what it allocates per delta (nothing, it should be) and the per-chunk
 * timing's CPU (the {@code meters} slope).
 * <p>
 * {@code ./mvnw -f benchmarks/telemetry package exec:exec -Dbench.args="ObservedStreamBenchmark -prof gc"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ObservedStreamBenchmark {

    /** Text deltas per stream: the harness's paced (50) and burst (200) shapes. */
    @Param({ "50", "200" })
    int deltas;

    /** Which observers are on. */
    @Param({ "off", "spans", "meters", "spans+meters" })
    String telemetry;

    /**
     * The meter registry: {@code simple} (Micrometer's SimpleMeterRegistry, as in the streaming harness) or
     * {@code prometheus} (what quarkus-micrometer-registry-prometheus registers).
     */
    @Param({ "simple" })
    String registry;

    private SdkTracerProvider tracing;
    private BedrockClient client;
    private ChatRequest request;

    @Setup
    public void setUp() {
        BedrockClient answering = new CannedStreamClient(deltas, "4f1c4ba0-1d55-4bd0-9a4a-6f7bb2d9d1b5");
        request = ChatRequest.builder().model("anthropic.claude-3-haiku-20240307-v1:0").user("Hello")
                .options(BedrockOptions.builder().useConverse(true).build()).build();
        List<OperationObserver> observers = new ArrayList<>();
        TelemetryConfig on = new FixedTelemetryConfig(false, false);
        if (telemetry.contains("spans")) {
            tracing = SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build()).build();
            observers.add(new GenAiSpans(tracing.get("io.quarkiverse.bedrock"), on));
        }
        if (telemetry.contains("meters")) {
            observers.add(new GenAiMeters("prometheus".equals(registry) ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
                    : new SimpleMeterRegistry(), on));
        }
        client = observers.isEmpty() ? answering
                : new ObservedBedrockClient(answering, "<default>", observers.toArray(OperationObserver[]::new),
                        new ServerAddress("localhost", 4566), r -> true);
    }

    @TearDown
    public void tearDown() {
        if (tracing != null) {
            tracing.close();
        }
    }

    /** @return the deltas seen: one whole stream, subscribed and consumed on this thread */
    @Benchmark
    public int stream(Blackhole blackhole) {
        Consumer consumer = new Consumer(blackhole);
        client.stream(request).subscribe().withSubscriber(consumer);
        if (!consumer.completed) {
            throw new IllegalStateException("the stream did not complete synchronously");
        }
        return consumer.count;
    }

    /** Requests everything, counts the chunks. */
    private static final class Consumer implements Flow.Subscriber<Chunk> {
        private final Blackhole blackhole;
        int count;
        boolean completed;

        Consumer(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Chunk item) {
            blackhole.consume(item);
            count++;
        }

        @Override
        public void onError(Throwable throwable) {
            throw new IllegalStateException(throwable);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

}
