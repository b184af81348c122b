package io.quarkiverse.bedrock.runtime.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/**
 * The embeddings formats against real recorded exchanges (pydantic-ai's Bedrock cassettes): our body from the same
 * input equals the recorded one, and the recorded answer reads back to its vectors.
 */
class EmbeddingFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(Path p) throws Exception {
        return JSON.readTree(p.toFile());
    }

    private static void check(String caseDir, EmbedRequest request, String vectorsPointer) throws Exception {
        Path dir = TestData.dir("bedrock-recorded/pydantic-ai/" + caseDir);
        JsonNode sent = read(dir.resolve("01.request.json")).path("body_json");
        JsonNode answer = read(dir.resolve("01.response.body.json"));
        EmbeddingFormat format = EmbeddingFormat.of(request);
        assertThat(format.body(request, request.texts(), JSON)).isEqualTo(sent);
        EmbeddingFormat.Vectors vectors = format.vectors(answer, request.texts());
        JsonNode recorded = answer.at(vectorsPointer);
        assertThat(vectors.floats()).hasSize(1);
        assertThat(vectors.floats().get(0)).hasSize(recorded.size());
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(vectors.floats().get(0)[i]).isEqualTo((float) recorded.get(i).asDouble());
        }
    }

    @Test
    void cohereV3() throws Exception {
        check("invoke_cohere-embed-english-v3", EmbedRequest.builder().model("cohere.embed-english-v3")
                .text("Hello, world!").inputType("search_query").truncate("NONE").build(), "/embeddings/0");
    }

    @Test
    void cohereV4WithDimensionsAnswersByType() throws Exception {
        check("invoke_cohere-embed-v4_dimensions", EmbedRequest.builder().model("cohere.embed-v4:0")
                .text("Test dimensions setting").inputType("search_query").dimensions(512).truncate("NONE").build(),
                "/embeddings/float/0");
    }

    @Test
    void titanV2() throws Exception {
        check("invoke_titan-embed-text-v2_dimensions", EmbedRequest.builder().model("amazon.titan-embed-text-v2:0")
                .text("Test embedding dimensions").dimensions(256).normalize(true).build(), "/embedding");
    }

    @Test
    void otherEmbeddingTypesAreKeptAsSent() throws Exception {
        EmbedRequest request = EmbedRequest.builder().model("cohere.embed-english-v3").text("a")
                .embeddingTypes(List.of("int8")).build();
        EmbeddingFormat.Vectors v = EmbeddingFormat.of(request).vectors(JSON.readTree(
                "{\"embeddings\":{\"int8\":[[1,-2,3]]}}"), request.texts());
        assertThat(v.floats()).isEmpty();
        assertThat(v.byType().get("int8")).isEqualTo(JSON.readTree("[[1,-2,3]]"));
    }

    @Test
    void unsupportedModelsAreRejected() {
        assertThatThrownBy(() -> EmbeddingFormat.of(EmbedRequest.builder().model("amazon.titan-embed-image-v1")
                .text("x").build())).isInstanceOf(InvalidRequestException.class).hasMessageContaining("cohere.embed-v4:0");
    }
}
