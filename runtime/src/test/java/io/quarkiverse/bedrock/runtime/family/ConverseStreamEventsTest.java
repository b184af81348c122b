package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;

/** ConverseStream events the recordings do not hold: citations, signed and redacted reasoning, metadata. */
class ConverseStreamEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Chunk> chunks(String... typeAndPayload) {
        ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-7", "converse-stream");
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < typeAndPayload.length; i += 2) {
            events.accept(EventStreamMessage.jsonEvent(typeAndPayload[i], typeAndPayload[i + 1]), out::add);
        }
        events.finish();
        return out;
    }

    @Test
    void citationDeltasBecomeCitationChunksBesideTheCitedText() {
        List<Chunk> chunks = chunks(
                "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Sales grew 5%.\"}}",
                "contentBlockDelta",
                """
                        {"contentBlockIndex":0,"delta":{"citation":{"title":"Q3 report","source":"doc-1",
                         "sourceContent":[{"text":"grew 5%"}],"location":{"documentChar":{"documentIndex":0,"start":3,"end":10}}}}}
                        """,
                "contentBlockStop", "{\"contentBlockIndex\":0}",
                "messageStop", "{\"stopReason\":\"end_turn\"}");
        assertThat(chunks.get(0)).isEqualTo(new Chunk.TextDelta("Sales grew 5%."));
        assertThat(chunks.get(1)).isInstanceOfSatisfying(Chunk.Citation.class, c -> {
            assertThat(c.citation().path("title").asText()).isEqualTo("Q3 report");
            assertThat(c.citation().path("location").path("documentChar").path("end").asInt()).isEqualTo(10);
        });
        ChatResponse assembled = assemble(chunks);
        assertThat(assembled.text()).isEqualTo("Sales grew 5%.");
    }

    @Test
    void reasoningTextSignatureAndRedactedReasoningAreKeptForTheNextTurn() {
        List<Chunk> chunks = chunks(
                "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Think \"}}}",
                "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"hard.\"}}}",
                "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"sig==\"}}}",
                "contentBlockStop", "{\"contentBlockIndex\":0}",
                "contentBlockDelta",
                "{\"contentBlockIndex\":1,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"ZW5j\"}}}",
                "contentBlockStop", "{\"contentBlockIndex\":1}",
                "contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"text\":\"42\"}}",
                "messageStop", "{\"stopReason\":\"end_turn\"}",
                "metadata",
                "{\"usage\":{\"inputTokens\":5,\"outputTokens\":7,\"totalTokens\":12},\"metrics\":{\"latencyMs\":321}}");
        assertThat(chunks).contains(new Chunk.ThinkingDelta(null, "sig==", null), new Chunk.ThinkingDelta(null, null, "ZW5j"));
        assertThat(chunks.get(chunks.size() - 1)).isEqualTo(new Chunk.Metadata(321, "req-7", "converse-stream"));
        ChatResponse assembled = assemble(chunks);
        assertThat(assembled.reasoning()).containsExactly(new ContentBlock.Reasoning("Think hard.", "sig==", null),
                new ContentBlock.Reasoning(null, null, "ZW5j"));
        assertThat(assembled.text()).isEqualTo("42");
        assertThat(assembled.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(assembled.usage().totalTokens()).isEqualTo(12);
        assertThat(assembled.requestId()).isEqualTo("req-7");
    }

    private static ChatResponse assemble(List<Chunk> chunks) {
        ChatResponseAssembler assembler = new ChatResponseAssembler("m");
        chunks.forEach(assembler::accept);
        return assembler.response();
    }
}
