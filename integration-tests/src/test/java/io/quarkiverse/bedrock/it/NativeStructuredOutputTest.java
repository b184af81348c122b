package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.api.error.SchemaMismatchException;
import io.quarkiverse.bedrock.api.error.ValidationException;
import io.quarkiverse.bedrock.runtime.structured.StructuredOutput;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Structured output through the full client against the strict emulator: natively ({@code outputConfig.textFormat})
 * for the models the catalogue marks {@code structuredOutput}, through the forced tool for the others, streaming and
 * not.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class NativeStructuredOutputTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU_3 = "anthropic.claude-3-haiku-20240307-v1:0";

    /** A person. */
    public record Profile(String name, int age, Optional<String> occupation) {
    }

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static ChatRequest request(String model) {
        return ChatRequest.builder().model(model).user("Generate a software engineer profile").maxTokens(500).build();
    }

    private JsonNode lastBody() throws Exception {
        return JSON.readTree(emulator.lastRequest().bodyAsString());
    }

    @Test
    void aSupportingModelGetsTheSchemaAsOutputConfigAndAnswersInText() throws Exception {
        ObjectResponse<Profile> answer = bedrock.generateObject(request(SONNET_45), Profile.class).await().atMost(WAIT);

        assertThat(answer.object()).isEqualTo(new Profile("example name", 1, Optional.empty()));
        assertThat(answer.response().toolCalls()).isEmpty();
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        JsonNode body = lastBody();
        assertThat(body.has("toolConfig")).isFalse();
        JsonNode format = body.at("/outputConfig/textFormat");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        JsonNode sentSchema = JSON.readTree(format.at("/structure/jsonSchema/schema").asText());
        assertThat(sentSchema).isEqualTo(StructuredOutput.schema(Profile.class));
        assertThat(format.at("/structure/jsonSchema/name").asText()).isEqualTo("structured_output");
    }

    @Test
    void anInferenceProfileOfASupportingModelIsNativeToo() throws Exception {
        bedrock.generateObject(request("global.anthropic.claude-haiku-4-5-20251001-v1:0"), Profile.class).await()
                .atMost(WAIT);
        assertThat(lastBody().has("outputConfig")).isTrue();
        assertThat(lastBody().has("toolConfig")).isFalse();
    }

    @Test
    void gptOssGoesToConverseForTheNativeFormatUnlessTheNativeApiIsAskedFor() throws Exception {
        bedrock.generateObject(request("openai.gpt-oss-120b-1:0"), Profile.class).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        assertThat(lastBody().has("outputConfig")).isTrue();
    }

    @Test
    void aModelWithoutItKeepsTheForcedTool() throws Exception {
        ObjectResponse<Profile> answer = bedrock.generateObject(request(HAIKU_3), Profile.class).await().atMost(WAIT);
        assertThat(answer.object().name()).isEqualTo("example name");
        JsonNode body = lastBody();
        assertThat(body.has("outputConfig")).isFalse();
        assertThat(body.at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo("structured_output");
    }

    @Test
    void aStreamedNativeAnswerGrowsInTextThenCompletes() throws Exception {
        List<ObjectChunk<Profile>> chunks = bedrock.streamObject(request(SONNET_45), Profile.class).collect().asList()
                .await().atMost(WAIT);

        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
        assertThat(lastBody().has("outputConfig")).isTrue();
        assertThat(chunks.size()).isGreaterThan(2);
        List<String> partials = chunks.subList(0, chunks.size() - 1).stream()
                .map(c -> ((ObjectChunk.Partial<Profile>) c).json()).toList();
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i)).startsWith(partials.get(i - 1));
        }
        ObjectChunk.Complete<Profile> done = (ObjectChunk.Complete<Profile>) chunks.get(chunks.size() - 1);
        assertThat(done.object()).isEqualTo(new Profile("example name", 1, Optional.empty()));
        assertThat(JSON.readTree(partials.get(partials.size() - 1))).isEqualTo(JSON.readTree(done.response().text()));
    }

    @Test
    void aStreamedObjectOfAModelWithoutItUsesTheToolOnConverseStream() throws Exception {
        List<ObjectChunk<Profile>> chunks = bedrock.streamObject(request("amazon.nova-lite-v1:0"), Profile.class)
                .collect().asList().await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
        JsonNode body = lastBody();
        assertThat(body.has("outputConfig")).isFalse();
        assertThat(body.at("/toolConfig/tools/0/toolSpec/name").asText()).isEqualTo("structured_output");
        assertThat(((ObjectChunk.Complete<Profile>) chunks.get(chunks.size() - 1)).object().name())
                .isEqualTo("example name");
    }

    @Test
    void aNativeAnswerThatBreaksTheSchemaIsATypedMismatch() {
        emulator.enqueue(Reply.text("{\"name\":\"Bo\",\"age\":\"forty\"}"));
        assertThatThrownBy(() -> bedrock.generateObject(request(SONNET_45), Profile.class).await().atMost(WAIT))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.violations()).containsExactly("/age: expected integer, got string \"forty\"");
                    assertThat(e.answer()).contains("Bo");
                });
    }

    @Test
    void aNativeAnswerThatIsNoJsonIsATypedMismatch() {
        emulator.enqueue(Reply.text("Sorry, I cannot."));
        assertThatThrownBy(() -> bedrock.streamObject(request(SONNET_45), Profile.class).collect().asList().await()
                .atMost(WAIT)).isInstanceOf(SchemaMismatchException.class).hasMessageContaining("not JSON")
                .hasMessageContaining("Sorry, I cannot.");
    }

    @Test
    void theStrictEmulatorRejectsAnOutputSchemaForAModelWithoutIt() {
        ChatRequest request = request(HAIKU_3).toBuilder().options(BedrockOptions.builder()
                .outputSchema(StructuredOutput.schema(Profile.class)).build()).build();
        assertThatThrownBy(() -> bedrock.chat(request).await().atMost(WAIT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("structured output");
    }
}
