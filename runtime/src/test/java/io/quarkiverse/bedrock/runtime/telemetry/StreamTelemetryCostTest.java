package io.quarkiverse.bedrock.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.runtime.telemetry.micrometer.GenAiMeters;
import io.quarkiverse.bedrock.runtime.telemetry.otel.GenAiSpans;

/**
 * Issue 14's budget for streams: telemetry costs per stream (one span, its meters), and per delta only the per-chunk
 * timing: no meter registered, no span started and nothing allocated for a delta.
 */
class StreamTelemetryCostTest {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    private final CountingSpans spans = new CountingSpans();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(spans).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Meter.Id> added = new ArrayList<>();

    @AfterEach
    void close() {
        provider.close();
        registry.close();
    }

    @Test
    void deltasRegisterNoMeterAndStartNoSpan() {
        registry.config().onMeterAdded(meter -> added.add(meter.getId()));
        BedrockClient client = observed(new CannedStreamClient(500, "req-1"));

        assertThat(consume(client)).isEqualTo(503);
        List<Meter.Id> afterFirstStream = List.copyOf(added);
        assertThat(consume(client)).isEqualTo(503);
        assertThat(consume(client)).isEqualTo(503);

        assertThat(added).containsExactlyElementsOf(afterFirstStream);
        assertThat(spans.started).hasValue(3);
        assertThat(spans.ended).hasValue(3);
        // what is recorded per delta: the timing of every chunk after the first
        assertThat(registry.get("gen_ai.client.operation.time_per_output_chunk").timer().count()).isEqualTo(3 * 499);
        assertThat(registry.get("gen_ai.client.operation.time_to_first_chunk").timer().count()).isEqualTo(3);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type", "none").timer().count())
                .isEqualTo(3);
    }

    @Test
    void aDeltaAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = ManagementFactory
                .getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                        ? t
                        : null;
        assumeTrue(threads != null && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count the bytes a thread allocates");
        int extra = 10_000;
        BedrockClient few = observed(new CannedStreamClient(10, "req-1"));
        BedrockClient many = observed(new CannedStreamClient(10 + extra, "req-1"));
        for (int i = 0; i < 200; i++) { // until the stream's path is compiled: the interpreter allocates what C2 elides
            consume(few);
            consume(many);
        }
        long fewBytes = Long.MAX_VALUE;
        long manyBytes = Long.MAX_VALUE;
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 5; i++) { // the least of a few: a deoptimization may allocate once
            long before = threads.getThreadAllocatedBytes(thread);
            consume(few);
            long between = threads.getThreadAllocatedBytes(thread);
            consume(many);
            long after = threads.getThreadAllocatedBytes(thread);
            fewBytes = Math.min(fewBytes, between - before);
            manyBytes = Math.min(manyBytes, after - between);
        }
        // the smallest object is 16 bytes: any allocation per delta would add 160,000 bytes or more
        assertThat(manyBytes - fewBytes).as("bytes allocated by %d more deltas", extra).isLessThan(extra);
    }

    private BedrockClient observed(BedrockClient delegate) {
        TelemetryConfig config = new FixedTelemetryConfig(false, false);
        return new ObservedBedrockClient(delegate, "<default>",
                new OperationObserver[] { new GenAiSpans(provider.get("test"), config), new GenAiMeters(registry, config) },
                new ServerAddress("localhost", 4566), r -> true);
    }

    /** @return the chunks of one stream, consumed on this thread without keeping them */
    private static int consume(BedrockClient client) {
        Counting counting = new Counting();
        client.stream(ChatRequest.builder().model(MODEL).user("Hello").build()).subscribe().withSubscriber(counting);
        assertThat(counting.completed).as("stream completed").isTrue();
        return counting.count;
    }

    /** Requests every chunk, counts them. */
    private static final class Counting implements Flow.Subscriber<Chunk> {
        int count;
        boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Chunk item) {
            count++;
        }

        @Override
        public void onError(Throwable failure) {
            throw new AssertionError(failure);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    /** Counts the spans started and ended. */
    private static final class CountingSpans implements SpanProcessor {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            started.incrementAndGet();
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.incrementAndGet();
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }

}
