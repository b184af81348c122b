package io.quarkiverse.bedrock.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.guardrail.ApplyGuardrailRequest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The Bedrock span is the parent of the HTTP request that carries it: a trace shows {@code chat} above its
 * {@code POST}, and the request's {@code traceparent} names the Bedrock span.
 */
class HttpSpanParentTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final SharedEmulator EMULATOR = SharedEmulator.named("http-parent");

    @RegisterExtension
    static final QuarkusUnitTest TEST = EMULATOR.forDefaultClient(TestExporters.app(SharedEmulator.class)
            .overrideConfigKey("quarkus.aws-bedrock.retry.throttling-base-backoff", "20ms"));

    @Inject
    BedrockClient client;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        spans.reset();
        EMULATOR.reset().run();
    }

    @AfterAll
    static void stop() {
        EMULATOR.stop().run();
    }

    @Test
    void theRestClientsRequestIsAChildOfTheChatSpan() throws Exception {
        EMULATOR.throttleNext().accept(1); // the retry too
        client.chat(ChatRequest.builder().model(MODEL).user("Hello").build()).await().atMost(WAIT);

        SpanData chat = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(EMULATOR.lastHeader().apply("traceparent")).contains(chat.getTraceId());
        List<SpanData> http = awaitHttpSpans(2);
        assertThat(http).allSatisfy(s -> {
            assertThat(s.getParentSpanId()).as("parent of %s", s).isEqualTo(chat.getSpanId());
            assertThat(s.getTraceId()).isEqualTo(chat.getTraceId());
        });
        assertThat(EMULATOR.lastHeader().apply("traceparent")).contains(http.get(1).getSpanId());
    }

    @Test
    void theStreamingRequestCarriesTheStreamSpan() throws Exception {
        client.stream(ChatRequest.builder().model(MODEL).user("Hello").build()).collect().asList().await()
                .atMost(WAIT);

        SpanData chat = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        String traceparent = EMULATOR.lastHeader().apply("traceparent");
        assertThat(traceparent).as("traceparent").isNotNull().contains(chat.getTraceId());
        // the Vert.x HTTP client's span (Quarkus instruments its Vert.x) is a child of the stream's span
        assertThat(awaitHttpSpans(1)).singleElement().satisfies(s -> {
            assertThat(s.getParentSpanId()).isEqualTo(chat.getSpanId());
            assertThat(traceparent).contains(s.getSpanId());
        });
    }

    @Test
    void aGuardrailRequestIsAChildOfItsSpan() throws Exception {
        client.guardrails().apply(ApplyGuardrailRequest.builder("gr1", "1").text("hello").build()).await()
                .atMost(WAIT);

        SpanData apply = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(awaitHttpSpans(1)).singleElement()
                .satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo(apply.getSpanId()));
        assertThat(EMULATOR.lastHeader().apply("traceparent")).contains(apply.getTraceId());
    }

    private List<SpanData> httpSpans() {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> !s.getInstrumentationScopeInfo().getName().equals("io.quarkiverse.bedrock"))
                .filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    }

    private List<SpanData> awaitHttpSpans(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SpanData> found = httpSpans();
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = httpSpans();
        }
        assertThat(found).as("HTTP client spans among %s", spans.getFinishedSpanItems()).hasSize(count);
        return found;
    }
}
