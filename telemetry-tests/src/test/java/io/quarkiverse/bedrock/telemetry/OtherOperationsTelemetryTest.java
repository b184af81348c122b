package io.quarkiverse.bedrock.telemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.api.async.AsyncInvoke;
import io.quarkiverse.bedrock.api.async.ListAsyncInvokesRequest;
import io.quarkiverse.bedrock.api.async.StartAsyncInvokeRequest;
import io.quarkiverse.bedrock.api.guardrail.ApplyGuardrailRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailChecksRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailResult;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkus.test.QuarkusUnitTest;

/** Guardrails, asynchronous invocations and speech sessions against the emulator: their spans and duration metrics. */
class OtherOperationsTelemetryTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String GUARDRAIL = "gr-telemetry";
    static final String EMBED_MODEL = "amazon.titan-embed-text-v2:0";
    static final SharedEmulator EMULATOR = SharedEmulator.named("others");

    @RegisterExtension
    static final QuarkusUnitTest TEST = EMULATOR.forDefaultClient(TestExporters.app(SharedEmulator.class));

    @Inject
    BedrockClient client;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        spans.reset();
    }

    @AfterAll
    static void stop() {
        EMULATOR.stop().run();
    }

    private long durations(String operation) {
        var timer = meters.find("gen_ai.client.operation.duration").tag("gen_ai.operation.name", operation)
                .tag("error.type", "none").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void applyGuardrailAndGuardrailChecksAreOperationsOfTheirOwn() {
        long before = durations("apply_guardrail");
        GuardrailResult result = client.guardrails().apply(ApplyGuardrailRequest.builder(GUARDRAIL, "1")
                .text("A harmless question").build()).await().atMost(WAIT);
        client.guardrails().check(GuardrailChecksRequest.builder().message("user", "mail me at jane@example.com")
                .sensitiveInformation("EMAIL").build()).await().atMost(WAIT);

        List<SpanData> found = TestExporters.awaitSpans(spans, 2, s -> true);
        SpanData apply = found.stream().filter(s -> s.getName().equals("apply_guardrail")).findFirst().orElseThrow();
        assertThat(apply.getKind()).isEqualTo(SpanKind.CLIENT);
        var a = apply.getAttributes();
        assertThat(a.get(stringKey("gen_ai.operation.name"))).isEqualTo("apply_guardrail");
        assertThat(a.get(stringKey("gen_ai.provider.name"))).isEqualTo("aws.bedrock");
        assertThat(a.get(stringKey("aws.bedrock.guardrail.id"))).isEqualTo(GUARDRAIL);
        assertThat(a.get(stringKey("gen_ai.response.id"))).isEqualTo(result.requestId()).isNotBlank();
        assertThat(a.get(stringKey("gen_ai.request.model"))).isNull();
        assertThat(a.get(stringKey("bedrock.client.api"))).isEqualTo("apply-guardrail");
        SpanData checks = found.stream().filter(s -> s.getName().equals("invoke_guardrail_checks")).findFirst()
                .orElseThrow();
        assertThat(checks.getAttributes().get(stringKey("error.type"))).isNull();

        assertThat(durations("apply_guardrail")).isEqualTo(before + 1);
        assertThat(meters.get("gen_ai.client.operation.duration").tag("gen_ai.operation.name", "apply_guardrail")
                .tag("gen_ai.request.model", "none").timer().count()).isPositive();
        assertThat(durations("invoke_guardrail_checks")).isPositive();
    }

    @Test
    void generateObjectIsAChatOperation() throws Exception {
        String model = "anthropic.claude-3-haiku-20240307-v1:0";
        EMULATOR.enqueueToolCall().accept("structured_output", "{\"name\":\"Ada\"}");
        ObjectResponse<JsonNode> answer = client.generateObject(ChatRequest.builder().model(model).user("A person")
                .build(),
                new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"name\":"
                        + "{\"type\":\"string\"}},\"required\":[\"name\"]}"))
                .await().atMost(WAIT);
        assertThat(answer.object().path("name").asText()).isEqualTo("Ada");

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(span.getName()).isEqualTo("chat " + model);
        assertThat(span.getAttributes().get(stringKey("gen_ai.response.id"))).isEqualTo(answer.response().requestId());
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.output_tokens")))
                .isEqualTo((long) answer.response().usage().outputTokens());
    }

    @Test
    void streamObjectIsAStreamedChatOperation() throws Exception {
        String model = "anthropic.claude-3-haiku-20240307-v1:0";
        EMULATOR.enqueueToolCall().accept("structured_output", "{\"name\":\"Ada\"}");
        List<ObjectChunk<JsonNode>> chunks = client.streamObject(ChatRequest.builder().model(model).user("A person")
                .build(),
                new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"name\":"
                        + "{\"type\":\"string\"}},\"required\":[\"name\"]}"))
                .collect().asList().await().atMost(WAIT);
        ObjectChunk.Complete<JsonNode> done = (ObjectChunk.Complete<JsonNode>) chunks.get(chunks.size() - 1);
        assertThat(done.object().path("name").asText()).isEqualTo("Ada");

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(span.getName()).isEqualTo("chat " + model);
        assertThat(span.getAttributes().get(booleanKey("gen_ai.request.stream"))).isTrue();
        assertThat(span.getAttributes().get(stringKey("gen_ai.response.id"))).isEqualTo(done.response().requestId());
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.output_tokens")))
                .isEqualTo((long) done.response().usage().outputTokens());
        Double firstChunk = span.getAttributes().get(doubleKey("gen_ai.response.time_to_first_chunk"));
        assertThat(firstChunk).isPositive()
                .isLessThan((span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9);
    }

    @Test
    void asyncInvokeStartGetAndAwaitAreOperations() {
        long startsBefore = durations("start_async_invoke");
        long awaitsBefore = durations("await_async_invoke");
        String arn = client.asyncInvokes().start(StartAsyncInvokeRequest.builder(EMBED_MODEL,
                new ObjectMapper().createObjectNode().put("inputText", "hello"), "s3://bucket/jobs").build())
                .await().atMost(WAIT);
        client.asyncInvokes().get(arn).await().atMost(WAIT);
        AsyncInvoke done = client.asyncInvokes().awaitCompletion(arn, Duration.ofMillis(10), WAIT).await().atMost(WAIT);
        assertThat(done.endTime()).isNotNull();

        List<SpanData> found = TestExporters.awaitSpans(spans, 3, s -> true);
        assertThat(found).extracting(SpanData::getName).containsExactlyInAnyOrder(
                "start_async_invoke " + EMBED_MODEL, "get_async_invoke", "await_async_invoke");
        SpanData start = found.stream().filter(s -> s.getName().startsWith("start_")).findFirst().orElseThrow();
        assertThat(start.getAttributes().get(stringKey("gen_ai.request.model"))).isEqualTo(EMBED_MODEL);
        assertThat(durations("start_async_invoke")).isEqualTo(startsBefore + 1);
        assertThat(durations("await_async_invoke")).isEqualTo(awaitsBefore + 1);
    }

    @Test
    void listAllIsOneListOperationPerPage() {
        for (String name : List.of("one", "two", "three")) {
            client.asyncInvokes().start(StartAsyncInvokeRequest.builder(EMBED_MODEL,
                    new ObjectMapper().createObjectNode().put("inputText", name), "s3://bucket/" + name).build())
                    .await().atMost(WAIT);
        }
        spans.reset();
        List<AsyncInvoke> all = client.asyncInvokes()
                .listAll(new ListAsyncInvokesRequest(null, null, null, true, 1, null, null))
                .collect().asList().await().atMost(WAIT);
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);

        // one page per invocation, plus the last, empty-tokened one when the emulator answers a token to it
        List<SpanData> pages = TestExporters.awaitSpans(spans, all.size(), s -> s.getName().equals("list_async_invokes"));
        assertThat(pages).hasSizeBetween(all.size(), all.size() + 1);
    }

    @Test
    void aSpeechSessionIsOneStreamedChatSpan() throws Exception {
        SpeechSession session = client.speech(SpeechSessionRequest.builder().systemPrompt("Be brief.").build());
        List<SpeechEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.events().subscribe().with(events::add, done::completeExceptionally, () -> done.complete(null));
        session.sendText("Hello there").await().atMost(WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.stream().noneMatch(e -> e instanceof SpeechEvent.CompletionEnded)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        session.end().await().atMost(WAIT);
        done.get(30, TimeUnit.SECONDS);
        SpeechEvent.Usage usage = events.stream().filter(SpeechEvent.Usage.class::isInstance)
                .map(SpeechEvent.Usage.class::cast).reduce((first, second) -> second).orElseThrow();

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(span.getName()).isEqualTo("chat " + SpeechSessionRequest.NOVA_SONIC);
        var a = span.getAttributes();
        assertThat(a.get(booleanKey("gen_ai.request.stream"))).isTrue();
        assertThat(a.get(stringKey("bedrock.client.api"))).isEqualTo("invoke-with-bidirectional-stream");
        assertThat(a.get(longKey("gen_ai.usage.output_tokens"))).isEqualTo((long) usage.outputTokens()).isPositive();
        assertThat(a.get(longKey("gen_ai.usage.input_tokens"))).isEqualTo((long) usage.inputTokens());
        double total = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9;
        assertThat(a.get(doubleKey("gen_ai.response.time_to_first_chunk"))).isPositive().isLessThan(total);
        assertThat(a.get(stringKey("error.type"))).isNull();
    }
}
