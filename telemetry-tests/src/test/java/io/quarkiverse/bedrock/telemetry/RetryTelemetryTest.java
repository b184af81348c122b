package io.quarkiverse.bedrock.telemetry;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Retries and fallbacks of real calls to the emulator, seen on the operation's span and in the meters: the emulator
 * throttles the next requests on demand.
 */
class RetryTelemetryTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String NOVA = "amazon.nova-micro-v1:0";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final SharedEmulator EMULATOR = SharedEmulator.named("retries");

    @RegisterExtension
    static final QuarkusUnitTest TEST = EMULATOR.forDefaultClient(TestExporters.app(SharedEmulator.class)
            .overrideConfigKey("quarkus.aws-bedrock.retry.base-backoff", "10ms")
            .overrideConfigKey("quarkus.aws-bedrock.retry.throttling-base-backoff", "20ms")
            .overrideConfigKey("quarkus.aws-bedrock.streaming-tools-fallback", "amazon.nova"));

    @Inject
    BedrockClient client;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        spans.reset();
        EMULATOR.reset().run();
    }

    @AfterAll
    static void stop() {
        EMULATOR.stop().run();
    }

    static double counter(MeterRegistry meters, String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void twoThrottlesThenSuccessAreTwoRetryEventsOnAnUnfailedSpan() {
        double retriesBefore = counter(meters, "bedrock.client.retries", "gen_ai.request.model", MODEL,
                "gen_ai.operation.name", "chat", "error.type", "ThrottlingException");
        double throttlesBefore = counter(meters, "bedrock.client.throttles", "gen_ai.request.model", MODEL);
        EMULATOR.throttleNext().accept(2);

        client.chat(ChatRequest.builder().model(MODEL).user("Hello").build()).await().atMost(WAIT);

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertRetryEvents(span, 2);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getAttributes().get(stringKey("error.type"))).isNull();
        assertThat(counter(meters, "bedrock.client.retries", "gen_ai.request.model", MODEL, "gen_ai.operation.name",
                "chat", "error.type", "ThrottlingException", "bedrock.client.name", "<default>"))
                .isEqualTo(retriesBefore + 2);
        assertThat(counter(meters, "bedrock.client.throttles", "gen_ai.request.model", MODEL))
                .isEqualTo(throttlesBefore + 2);
    }

    @Test
    void aStreamsRetriesAreEventsOnItsSpan() {
        EMULATOR.throttleNext().accept(2);

        List<Chunk> chunks = client.stream(ChatRequest.builder().model(MODEL).user("Hello").build()).collect().asList()
                .await().atMost(WAIT);
        assertThat(chunks).anyMatch(c -> c instanceof Chunk.TextDelta);

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertRetryEvents(span, 2);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void exhaustedRetriesFailTheSpanWithThrottlingException() {
        double throttlesBefore = counter(meters, "bedrock.client.throttles", "gen_ai.request.model", NOVA);
        EMULATOR.throttleNext().accept(3); // retry.max-attempts is 3

        assertThatThrownBy(() -> client.chat(ChatRequest.builder().model(NOVA).user("Hello").build())
                .await().atMost(WAIT)).isInstanceOf(ThrottlingException.class);

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertRetryEvents(span, 2);
        assertThat(span.getAttributes().get(stringKey("error.type"))).isEqualTo("ThrottlingException");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(counter(meters, "bedrock.client.throttles", "gen_ai.request.model", NOVA))
                .isEqualTo(throttlesBefore + 3);
    }

    @Test
    void theStreamingToolsFallbackIsCountedAndAnEventOfTheStreamsSpan() {
        double before = counter(meters, "bedrock.client.fallbacks", "bedrock.client.fallback.kind", "streaming-tools");
        Tool tool = new Tool("get_weather", "The weather of a city", new ObjectMapper().createObjectNode()
                .put("type", "object"));

        client.stream(ChatRequest.builder().model(NOVA).user("Weather in Lyon?").tool(tool).build()).collect()
                .asList().await().atMost(WAIT);

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(span.getEvents()).filteredOn(e -> e.getName().equals("bedrock.client.fallback"))
                .singleElement().satisfies(e -> assertThat(e.getAttributes()
                        .get(stringKey("bedrock.client.fallback.kind"))).isEqualTo("streaming-tools"));
        assertThat(span.getAttributes().get(stringKey("bedrock.client.api"))).isEqualTo("converse");
        assertThat(counter(meters, "bedrock.client.fallbacks", "bedrock.client.fallback.kind", "streaming-tools",
                "gen_ai.request.model", NOVA, "bedrock.client.name", "<default>")).isEqualTo(before + 1);
    }

    private static void assertRetryEvents(SpanData span, int count) {
        List<EventData> retries = span.getEvents().stream().filter(e -> e.getName().equals("gen_ai.client.retry"))
                .toList();
        assertThat(retries).hasSize(count);
        for (int i = 0; i < count; i++) {
            var a = retries.get(i).getAttributes();
            assertThat(a.get(longKey("bedrock.client.retry.attempt"))).isEqualTo(i + 2L);
            assertThat(a.get(stringKey("error.type"))).isEqualTo("ThrottlingException");
            assertThat(a.get(doubleKey("bedrock.client.retry.backoff"))).isPositive().isLessThan(20.0);
        }
    }
}
