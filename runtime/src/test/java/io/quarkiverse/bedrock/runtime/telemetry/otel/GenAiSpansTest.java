package io.quarkiverse.bedrock.runtime.telemetry.otel;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.runtime.telemetry.FixedTelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.Observation;
import io.quarkiverse.bedrock.runtime.telemetry.Operation;
import io.quarkiverse.bedrock.runtime.telemetry.Outcome;
import io.quarkiverse.bedrock.runtime.telemetry.ServerAddress;

/** The span mapping with the real OTel SDK: cache tokens, content opt-in, retry events. */
class GenAiSpansTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void cacheTokensAreCountedInsideInputTokens() {
        Observation o = spans(false).start(operation(), System.nanoTime());
        // Bedrock: inputTokens excludes the 1000 tokens read from and the 200 written to the prompt cache
        o.succeeded(new Outcome("req-1", "m", StopReason.END_TURN, new Usage(30, 7, 1237, 1000, 200), "converse", -1,
                "the answer"));

        SpanData span = single();
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.input_tokens"))).isEqualTo(1230L);
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.cache_read.input_tokens"))).isEqualTo(1000L);
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.cache_creation.input_tokens"))).isEqualTo(200L);
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.output_tokens"))).isEqualTo(7L);
        assertThat(span.getAttributes().get(stringKey("gen_ai.output.messages"))).isNull();
        assertThat(span.getAttributes().get(stringKey("gen_ai.input.messages"))).isNull();
    }

    @Test
    void contentIsRecordedOnlyWithTheOptIn() {
        Observation o = spans(true).start(operation(), System.nanoTime());
        o.succeeded(new Outcome("req-1", "m", StopReason.END_TURN, new Usage(3, 2, 5, 0, 0), "converse", -1,
                "the answer"));

        SpanData span = single();
        assertThat(span.getAttributes().get(stringKey("gen_ai.system_instructions")))
                .isEqualTo("[{\"type\":\"text\",\"content\":\"be brief\"}]");
        assertThat(span.getAttributes().get(stringKey("gen_ai.input.messages")))
                .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"the question\"}]}]");
        assertThat(span.getAttributes().get(stringKey("gen_ai.output.messages"))).isEqualTo(
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"the answer\"}],"
                        + "\"finish_reason\":\"end_turn\"}]");
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.cache_read.input_tokens"))).isNull();
    }

    @Test
    void retriesAreSpanEvents() {
        Observation o = spans(false).start(operation(), System.nanoTime());
        o.retry(2, "ThrottlingException", Duration.ofMillis(1500));
        o.failed(new IllegalStateException("secret details"));

        SpanData span = single();
        assertThat(span.getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("gen_ai.client.retry");
            assertThat(e.getAttributes().get(longKey("bedrock.client.retry.attempt"))).isEqualTo(2L);
            assertThat(e.getAttributes().get(stringKey("error.type"))).isEqualTo("ThrottlingException");
            assertThat(e.getAttributes().get(doubleKey("bedrock.client.retry.backoff"))).isEqualTo(1.5);
        });
        assertThat(span.getAttributes().get(stringKey("error.type"))).isEqualTo("IllegalStateException");
        assertThat(span.toString()).doesNotContain("secret details");
    }

    @Test
    void eachOperationIsNamedByItsOwnKindWhenKindsAlternate() {
        GenAiSpans spans = spans(false);
        ServerAddress server = new ServerAddress("bedrock-runtime.us-east-1.amazonaws.com", 443);
        String[] models = { "model-a", "model-b", "model-b", null, "model-a" };
        String[] names = { Operation.CHAT, Operation.CHAT, Operation.EMBEDDINGS, Operation.APPLY_GUARDRAIL,
                Operation.CHAT };
        for (int i = 0; i < models.length; i++) {
            spans.start(new Operation("<default>", names[i], models[i], false, null, null, null, server), 0).cancelled();
        }

        assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("chat model-a",
                "chat model-b", "embeddings model-b", "apply_guardrail", "chat model-a");
    }

    private GenAiSpans spans(boolean recordContent) {
        return new GenAiSpans(provider.get("test"), new FixedTelemetryConfig(recordContent, false));
    }

    private static Operation operation() {
        ChatRequest request = ChatRequest.builder().model("anthropic.claude-3-haiku-20240307-v1:0").system("be brief")
                .user("the question").build();
        return new Operation("<default>", Operation.CHAT, request.modelId().value(), false, "converse", request, null,
                new ServerAddress("bedrock-runtime.us-east-1.amazonaws.com", 443));
    }

    private SpanData single() {
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }
}
