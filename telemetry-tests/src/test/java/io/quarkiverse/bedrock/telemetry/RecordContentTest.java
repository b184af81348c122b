package io.quarkiverse.bedrock.telemetry;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkus.test.QuarkusUnitTest;

/** With {@code telemetry.record-content=true}, a stream's span carries the prompt and the whole streamed answer. */
class RecordContentTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String PROMPT = "Tell me about the forest at night";
    static final SharedEmulator EMULATOR = SharedEmulator.named("content");

    @RegisterExtension
    static final QuarkusUnitTest TEST = EMULATOR.forDefaultClient(TestExporters.app(SharedEmulator.class)
            .overrideConfigKey("quarkus.aws-bedrock.telemetry.record-content", "true"));

    @Inject
    BedrockClient client;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        spans.reset();
    }

    @AfterAll
    static void stop() {
        EMULATOR.stop().run();
    }

    @Test
    void aStreamsSpanCarriesTheWholeAnswerOnce() throws Exception {
        List<Chunk> chunks = client.stream(ChatRequest.builder().model(MODEL).user(PROMPT).build()).collect().asList()
                .await().atMost(Duration.ofSeconds(30));
        String text = chunks.stream().filter(c -> c instanceof Chunk.TextDelta).map(c -> ((Chunk.TextDelta) c).text())
                .collect(Collectors.joining());
        assertThat(chunks.stream().filter(c -> c instanceof Chunk.TextDelta).count()).isGreaterThan(1);

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        JsonNode output = new ObjectMapper().readTree(span.getAttributes().get(stringKey("gen_ai.output.messages")));
        assertThat(output).hasSize(1);
        assertThat(output.get(0).path("role").asText()).isEqualTo("assistant");
        assertThat(output.get(0).path("parts").get(0).path("content").asText()).isEqualTo(text).isNotBlank();
        assertThat(output.get(0).path("finish_reason").asText()).isEqualTo("end_turn");
        assertThat(span.getAttributes().get(stringKey("gen_ai.input.messages"))).contains(PROMPT);
    }
}
