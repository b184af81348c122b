package io.quarkiverse.bedrock.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;

/** The real in-memory span exporter of the OTel SDK and a Micrometer SimpleMeterRegistry, as beans of the test app. */
@Singleton
public class TestExporters {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    @Produces
    @Singleton
    SimpleMeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    /**
     * @param classes the test's own classes the application needs besides the exporters
     * @return a test application with the exporters, exporting spans every 10 ms, OTel metrics and logs off
     */
    static QuarkusUnitTest app(Class<?>... classes) {
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar.addClasses(TestExporters.class).addClasses(classes))
                .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
                .overrideConfigKey("quarkus.otel.metrics.enabled", "false")
                .overrideConfigKey("quarkus.otel.logs.enabled", "false");
    }

    /** Waits for the batch span processor to export the spans of the Bedrock instrumentation that match. */
    static List<SpanData> awaitSpans(InMemorySpanExporter exporter, int count, Predicate<SpanData> filter) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SpanData> found;
        do {
            found = exporter.getFinishedSpanItems().stream()
                    .filter(s -> s.getInstrumentationScopeInfo().getName().equals("io.quarkiverse.bedrock"))
                    .filter(filter).toList();
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " Bedrock spans, found " + found + " among "
                + exporter.getFinishedSpanItems());
    }
}
