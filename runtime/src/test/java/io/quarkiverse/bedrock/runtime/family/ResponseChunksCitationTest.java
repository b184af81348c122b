package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.Citation;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;

/** The non-streaming fallback replays a text's citations as {@link Chunk.Citation}s that read back the same. */
class ResponseChunksCitationTest {

    private static final List<Citation> CITATIONS = List.of(
            new Citation("Guide", null, List.of("Tides rise."),
                    new Citation.Location(Citation.Kind.DOCUMENT_CHAR, 0, 0, 11, null, null)),
            new Citation(null, null, List.of(), new Citation.Location(Citation.Kind.DOCUMENT_PAGE, 1, 2, 3, null, null)),
            new Citation(null, null, List.of(), new Citation.Location(Citation.Kind.DOCUMENT_CHUNK, 0, 4, 5, null, null)),
            new Citation("Page", null, List.of(), new Citation.Location(Citation.Kind.WEB, -1, -1, -1,
                    "https://a.example/x", "a.example")),
            new Citation(null, "kb", List.of("a", "b"), new Citation.Location(Citation.Kind.SEARCH_RESULT, 2, 0, 1,
                    null, null)),
            new Citation("No location", null, List.of(), null));

    @Test
    void citationsOfAnAnswerAreReplayedAndReassembled() {
        ChatResponse response = new ChatResponse(new Message(Role.ASSISTANT,
                List.of(new ContentBlock.Text("Tides rise twice a day.", CITATIONS))), StopReason.END_TURN,
                Usage.EMPTY, "m", "r", null);

        List<Chunk> chunks = ResponseChunks.of(response, "converse");

        assertThat(chunks.stream().filter(Chunk.Citation.class::isInstance).map(c -> ((Chunk.Citation) c).details()))
                .containsExactlyElementsOf(CITATIONS);
        ChatResponseAssembler assembler = new ChatResponseAssembler("m");
        chunks.forEach(assembler::accept);
        assertThat(assembler.response().message().content()).isEqualTo(response.message().content());
    }
}
