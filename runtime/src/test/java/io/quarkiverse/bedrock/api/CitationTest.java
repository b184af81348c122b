package io.quarkiverse.bedrock.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link Citation#of} reads Converse citations (answers and stream deltas) and Anthropic Messages citations. */
class CitationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConverseDocumentCitation() throws Exception {
        Citation c = Citation.of(JSON.readTree("{\"title\":\"Guide\",\"sourceContent\":[{\"text\":\"Tides \"},"
                + "{\"text\":\"rise.\"}],\"location\":{\"documentPage\":{\"documentIndex\":1,\"start\":3,\"end\":4}}}"));
        assertThat(c).isEqualTo(new Citation("Guide", null, List.of("Tides ", "rise."),
                new Citation.Location(Citation.Kind.DOCUMENT_PAGE, 1, 3, 4, null, null)));
    }

    @Test
    void webAndSearchResultLocations() throws Exception {
        assertThat(Citation.of(JSON.readTree("{\"location\":{\"web\":{\"url\":\"https://a.example/x\","
                + "\"domain\":\"a.example\"}}}")).location())
                .isEqualTo(new Citation.Location(Citation.Kind.WEB, -1, -1, -1, "https://a.example/x", "a.example"));
        Citation search = Citation.of(JSON.readTree("{\"source\":\"kb\",\"location\":{\"searchResultLocation\":"
                + "{\"searchResultIndex\":2,\"start\":0,\"end\":1}}}"));
        assertThat(search.source()).isEqualTo("kb");
        assertThat(search.location()).isEqualTo(new Citation.Location(Citation.Kind.SEARCH_RESULT, 2, 0, 1, null, null));
        assertThat(Citation.of(JSON.readTree("{\"title\":\"t\"}")).location()).isNull();
        assertThat(Citation.of(JSON.readTree("{\"location\":{\"hologram\":{}}}")).location().kind())
                .isEqualTo(Citation.Kind.UNKNOWN);
    }

    @Test
    void anAnthropicCharLocation() throws Exception {
        Citation c = Citation.of(JSON.readTree("{\"type\":\"char_location\",\"cited_text\":\"The grass is green.\","
                + "\"document_index\":0,\"document_title\":\"Facts\",\"start_char_index\":0,\"end_char_index\":20}"));
        assertThat(c).isEqualTo(new Citation("Facts", null, List.of("The grass is green."),
                new Citation.Location(Citation.Kind.DOCUMENT_CHAR, 0, 0, 20, null, null)));
    }

    @Test
    void aStreamChunkAndAnAssembledTextCarryTheSameCitation() throws Exception {
        Chunk.Citation chunk = new Chunk.Citation(JSON.readTree("{\"type\":\"page_location\",\"cited_text\":\"x\","
                + "\"document_index\":0,\"start_page_number\":1,\"end_page_number\":2}"));
        ChatResponseAssembler assembler = new ChatResponseAssembler("m");
        assembler.accept(new Chunk.TextDelta("The answer"));
        assembler.accept(chunk);
        ContentBlock.Text text = (ContentBlock.Text) assembler.response().message().content().get(0);
        assertThat(text.citations()).containsExactly(chunk.details());
        assertThat(chunk.details().location()).isEqualTo(new Citation.Location(Citation.Kind.DOCUMENT_PAGE, 0, 1, 2,
                null, null));
    }
}
