package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
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
import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.error.SchemaMismatchException;
import io.quarkiverse.bedrock.runtime.family.fixtures.ReqllmScenarios;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.RecordedRequest;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Structured output, embeddings and token counting, end to end against the emulator. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class StructuredEmbedCountTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The person of ReqLLM's object scenarios. */
    public record Profile(String name, int age, Optional<String> occupation) {
    }

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static ChatRequest profileRequest(String model) {
        return ChatRequest.builder().model(model).user("Generate a software engineer profile").maxTokens(500)
                .temperature(0.0).build();
    }

    private JsonNode lastBody() throws Exception {
        return JSON.readTree(emulator.lastRequest().bodyAsString());
    }

    @Test
    void gptOssNativeObjectFromTheRecordedForcedToolCall() throws Exception {
        emulator.enqueue(Reply.replay(TestData.dir("reqllm/openai_gpt_oss_20b_1_0/object_basic.json")));
        ChatRequest request = ChatRequest.builder().model("openai.gpt-oss-20b-1:0")
                .user("Generate a software engineer profile").maxTokens(500).temperature(0.0)
                .options(BedrockOptions.builder().useConverse(false).build()).build();
        ObjectResponse<Profile> answer = bedrock.generateObject(request, Profile.class).await().atMost(WAIT);
        assertThat(answer.object()).isEqualTo(new Profile("Alexandra Martinez", 32, Optional.of("Senior Software Engineer")));
        assertThat(answer.response().usage().inputTokens()).isEqualTo(151);
        assertThat(emulator.lastRequest().operation()).isEqualTo("invoke");
        JsonNode body = lastBody();
        assertThat(body.at("/tool_choice/function/name").asText()).isEqualTo("structured_output");
        assertThat(body.at("/tools/0/function/parameters/required")).containsExactlyInAnyOrder(
                JSON.getNodeFactory().textNode("name"), JSON.getNodeFactory().textNode("age"));
    }

    @Test
    void cohereObjectOnConverseOffersTheToolWithoutForcingIt() throws Exception {
        emulator.enqueue(Reply.replay(TestData.dir("reqllm/cohere_command_r_v1_0/object_basic.json")));
        ObjectResponse<JsonNode> answer = bedrock.generateObject(profileRequest("cohere.command-r-v1:0"),
                ReqllmScenarios.PROFILE_SCHEMA).await().atMost(WAIT);
        assertThat(answer.object()).isEqualTo(JSON.readTree(
                "{\"age\": 30, \"name\": \"Alice Johnson\", \"occupation\": \"Software Engineer\"}"));
        JsonNode body = lastBody();
        assertThat(body.at("/toolConfig/tools/0/toolSpec/name").asText()).isEqualTo("structured_output");
        assertThat(body.at("/toolConfig/toolChoice").isMissingNode()).isTrue();
    }

    @Test
    void llamaAnswerWithAStringAgeIsASchemaMismatch() {
        emulator.enqueue(Reply.replay(TestData.dir("reqllm/meta_llama3_3_70b_instruct_v1_0/object_basic.json")));
        assertThatThrownBy(() -> bedrock.generateObject(profileRequest("us.meta.llama3-3-70b-instruct-v1:0"),
                Profile.class).await().atMost(WAIT))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.violations()).containsExactly("/age: expected integer, got string \"30\"");
                    assertThat(e.answer()).contains("John Doe");
                });
    }

    @Test
    void anthropicObjectIsForcedByName() throws Exception {
        emulator.enqueue(Reply.toolCall("structured_output", "{\"name\":\"Ada\",\"age\":36}"));
        ObjectResponse<Profile> answer = bedrock.generateObject(profileRequest("anthropic.claude-3-haiku-20240307-v1:0")
                .toBuilder().options(BedrockOptions.builder().useConverse(true).build()).build(), Profile.class)
                .await().atMost(WAIT);
        assertThat(answer.object()).isEqualTo(new Profile("Ada", 36, Optional.empty()));
        assertThat(lastBody().at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo("structured_output");
    }

    @Test
    void anAnswerWithoutTheToolCallIsASchemaMismatch() {
        emulator.enqueue(Reply.text("I'd rather not."));
        assertThatThrownBy(() -> bedrock.generateObject(profileRequest("cohere.command-r-v1:0"), Profile.class)
                .await().atMost(WAIT))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("without calling the structured_output")
                .hasMessageContaining("I'd rather not.");
    }

    @Test
    void badStructuredInputIsRejectedBeforeSending() {
        ChatRequest withTools = ChatRequest.builder().model("cohere.command-r-v1:0").user("Hi")
                .tool(new Tool("t", "d", JSON.createObjectNode().put("type", "object"))).build();
        assertThatThrownBy(() -> bedrock.generateObject(withTools, Profile.class).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("remove the request's tools");
        assertThatThrownBy(() -> bedrock.generateObject(profileRequest("cohere.command-r-v1:0"),
                JSON.createObjectNode().put("type", "string")).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("\"type\": \"object\"");
        assertThatThrownBy(() -> bedrock.generateObject(profileRequest("cohere.command-r-v1:0"), String.class)
                .await().atMost(WAIT)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("record");
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void gptOssStreamedObjectGrowsThenCompletes() {
        emulator.enqueue(Reply.replay(TestData.dir("reqllm/openai_gpt_oss_20b_1_0/object_streaming.json")));
        ChatRequest request = profileRequest("openai.gpt-oss-20b-1:0").toBuilder()
                .options(BedrockOptions.builder().useConverse(false).build()).build();
        List<ObjectChunk<Profile>> chunks = bedrock.streamObject(request, Profile.class).collect().asList()
                .await().atMost(WAIT);
        assertThat(chunks).hasSize(3);
        assertThat(((ObjectChunk.Partial<Profile>) chunks.get(0)).json())
                .isEqualTo("{\"age\": 32, \"name\": \"Alexandra Martinez\", \"occupation\": \"");
        assertThat(((ObjectChunk.Partial<Profile>) chunks.get(1)).json())
                .isEqualTo("{\"age\": 32, \"name\": \"Alexandra Martinez\", \"occupation\": \"Senior Software Engineer\"}");
        ObjectChunk.Complete<Profile> done = (ObjectChunk.Complete<Profile>) chunks.get(2);
        assertThat(done.object()).isEqualTo(new Profile("Alexandra Martinez", 32, Optional.of("Senior Software Engineer")));
        assertThat(done.response().usage().outputTokens()).isEqualTo(61);
    }

    @Test
    void cohereStreamedObjectOnConverseStream() throws Exception {
        emulator.enqueue(Reply.replay(TestData.dir("reqllm/cohere_command_r_plus_v1_0/object_streaming.json")));
        List<ObjectChunk<JsonNode>> chunks = bedrock.streamObject(profileRequest("cohere.command-r-plus-v1:0"),
                ReqllmScenarios.PROFILE_SCHEMA).collect().asList().await().atMost(WAIT);
        assertThat(chunks.size()).isGreaterThan(3);
        ObjectChunk.Complete<JsonNode> done = (ObjectChunk.Complete<JsonNode>) chunks.get(chunks.size() - 1);
        String lastPartial = ((ObjectChunk.Partial<JsonNode>) chunks.get(chunks.size() - 2)).json();
        assertThat(done.object()).isEqualTo(JSON.readTree(lastPartial));
        assertThat(done.object().path("name").isTextual()).isTrue();
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
    }

    @Test
    void llamaStreamedObjectFallsBackToConverseAndStillFailsOnTheMismatch() {
        emulator.enqueue(Reply.toolCall("structured_output", "{\"name\":\"Bo\",\"age\":\"forty\"}"));
        assertThatThrownBy(() -> bedrock.streamObject(profileRequest("us.meta.llama3-3-70b-instruct-v1:0"), Profile.class)
                .collect().asList().await().atMost(WAIT))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("/age: expected integer");
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
    }

    @Test
    void cohereEmbeddingsInOneCall() throws Exception {
        EmbedResponse answer = bedrock.embed(EmbedRequest.builder().model("cohere.embed-english-v3")
                .texts(List.of("Hello world", "How are you?", "Testing embeddings")).embeddingTypes(List.of("float"))
                .inputType("search_document").truncate("NONE").build()).await().atMost(WAIT);
        assertThat(emulator.requests()).hasSize(1);
        // the same logical input as ReqLLM's embed_batch fixture gives the recorded body
        assertThat(lastBody()).isEqualTo(
                ReqllmScenarios.load(TestData.dir("reqllm/cohere_embed_english_v3/embed_batch.json")).canonicalJson());
        assertThat(answer.embeddings()).extracting(EmbedResponse.Embedding::text)
                .containsExactly("Hello world", "How are you?", "Testing embeddings");
        assertThat(answer.embeddings()).allSatisfy(e -> assertThat(e.vector()).hasSize(1024));
        assertThat(answer.embeddings().get(0).vector()).isNotEqualTo(answer.embeddings().get(1).vector());
        assertThat(answer.inputTokens()).isPositive();
    }

    @Test
    void manyCohereTextsAreSplitIntoBatchesOf96() {
        List<String> texts = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "text number " + i).toList();
        EmbedResponse answer = bedrock.embed(EmbedRequest.builder().model("cohere.embed-v4:0").texts(texts)
                .inputType("search_query").dimensions(256).build()).await().atMost(WAIT);
        assertThat(emulator.requests()).hasSize(3);
        assertThat(answer.embeddings()).hasSize(200);
        assertThat(answer.embeddings()).extracting(EmbedResponse.Embedding::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).boxed().toList());
        assertThat(answer.embeddings().get(150).text()).isEqualTo("text number 150");
        assertThat(answer.embeddings().get(0).vector()).hasSize(256);
        assertThat(answer.requestIds()).hasSize(3);
    }

    @Test
    void titanEmbedsOneTextPerCallConcurrently() throws Exception {
        EmbedResponse answer = bedrock.embed(EmbedRequest.builder().model("amazon.titan-embed-text-v2:0")
                .texts(List.of("alpha", "beta", "gamma")).dimensions(256).normalize(true).build()).await().atMost(WAIT);
        List<RecordedRequest> requests = emulator.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> readTree(r.bodyAsString()).path("inputText").asText())
                .containsExactlyInAnyOrder("alpha", "beta", "gamma");
        assertThat(readTree(requests.get(0).bodyAsString()).path("dimensions").asInt()).isEqualTo(256);
        assertThat(readTree(requests.get(0).bodyAsString()).path("normalize").asBoolean()).isTrue();
        assertThat(answer.embeddings()).extracting(EmbedResponse.Embedding::text).containsExactly("alpha", "beta", "gamma");
        assertThat(answer.embeddings()).allSatisfy(e -> assertThat(e.vector()).hasSize(256));
        assertThat(answer.inputTokens()).isEqualTo(3);
    }

    @Test
    void badEmbedInputIsRejected() {
        assertThatThrownBy(() -> bedrock.embed(EmbedRequest.builder().model("anthropic.claude-3-haiku-20240307-v1:0")
                .text("x").build()).await().atMost(WAIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not a supported embeddings model");
        assertThatThrownBy(() -> EmbedRequest.builder().model("cohere.embed-english-v3").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one text");
        assertThatThrownBy(() -> EmbedRequest.builder().model("cohere.embed-english-v3").text(" ").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("blank");
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void countTokensOnConverseMatchesWhatTheChatIsBilled() throws Exception {
        ChatRequest request = ChatRequest.builder().model("cohere.command-r-v1:0").system("Be brief.")
                .user("What is the weather in Paris?").maxTokens(100).build();
        int counted = bedrock.countTokens(request).await().atMost(WAIT);
        JsonNode body = lastBody();
        assertThat(emulator.lastRequest().operation()).isEqualTo("count-tokens");
        assertThat(body.at("/input/converse/messages/0/content/0/text").asText()).isEqualTo("What is the weather in Paris?");
        assertThat(body.at("/input/converse/system/0/text").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/input/converse/inferenceConfig").isMissingNode()).isTrue();
        int billed = bedrock.chat(request).await().atMost(WAIT).usage().inputTokens();
        assertThat(counted).isPositive().isEqualTo(billed);
    }

    @Test
    void countTokensOnTheNativeRouteSendsTheInvokeBody() throws Exception {
        ChatRequest request = ChatRequest.builder().model("us.meta.llama3-3-70b-instruct-v1:0").user("Hello there")
                .maxTokens(64).build();
        int counted = bedrock.countTokens(request).await().atMost(WAIT);
        JsonNode invokeBody = JSON.readTree(Base64.getDecoder().decode(lastBody().at("/input/invokeModel/body").asText()));
        assertThat(invokeBody.path("prompt").asText()).contains("<|start_header_id|>user<|end_header_id|>\n\nHello there");
        assertThat(invokeBody.path("max_gen_len").asInt()).isEqualTo(64);
        assertThat(counted).isPositive().isEqualTo(bedrock.chat(request).await().atMost(WAIT).usage().inputTokens());
    }

    @Test
    void countTokensChecksToolSupportFirst() {
        ChatRequest request = ChatRequest.builder().model("meta.llama3-2-3b-instruct-v1:0").user("Hi")
                .tool(new Tool("t", "d", JSON.createObjectNode().put("type", "object"))).build();
        assertThatThrownBy(() -> bedrock.countTokens(request).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not support tool use");
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
