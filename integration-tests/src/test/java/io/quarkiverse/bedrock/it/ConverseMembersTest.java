package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.Citation;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Converse members of issue 16 through the full client against the strict emulator: {@code outputConfig.effort},
 * prompt-management ARNs with {@code promptVariables}, document citations, and per-TTL prompt-cache usage.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class ConverseMembersTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CLAUDE_3 = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String PROMPT_ARN = "arn:aws:bedrock:us-east-1:123456789012:prompt/PRMT12AB34:2";

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private JsonNode lastBody() throws Exception {
        return JSON.readTree(emulator.lastRequest().bodyAsString());
    }

    // ---- effort

    @Test
    void effortIsSentInOutputConfigAndRoutesToConverse() throws Exception {
        bedrock.chat(ChatRequest.builder().model(CLAUDE_3).user("Hi").options(BedrockOptions.builder().effort("xhigh")
                .build()).build()).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        JsonNode body = lastBody();
        assertThat(body.at("/outputConfig/effort").asText()).isEqualTo("xhigh");
        assertThat(body.at("/outputConfig").has("textFormat")).isFalse();
        assertThat(body.at("/additionalModelRequestFields/effort").isMissingNode()).isTrue();
    }

    @Test
    void effortIsSentWhenStreamingAndOmittedWhenUnset() throws Exception {
        bedrock.stream(ChatRequest.builder().model("amazon.nova-lite-v1:0").user("Hi")
                .options(BedrockOptions.builder().effort("low").build()).build()).collect().asList().await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
        assertThat(lastBody().at("/outputConfig/effort").asText()).isEqualTo("low");

        bedrock.chat(ChatRequest.builder().model("amazon.nova-lite-v1:0").user("Hi").build()).await().atMost(WAIT);
        assertThat(lastBody().has("outputConfig")).isFalse();
    }

    @Test
    void anUnknownEffortIsRejectedBeforeSending() {
        assertThatThrownBy(() -> BedrockOptions.builder().effort("extreme").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'effort' is 'extreme'")
                .hasMessageContaining("xhigh");
        assertThatThrownBy(() -> BedrockOptions.fromMap(Map.of("effort", "ultra")))
                .isInstanceOf(InvalidRequestException.class);
    }

    // ---- prompt management ARNs

    @Test
    void aPromptArnGoesUnchangedAndEncodedInThePathWithItsVariables() throws Exception {
        ChatResponse answer = bedrock.chat(ChatRequest.builder().model("bedrock:" + PROMPT_ARN)
                .options(BedrockOptions.builder().promptVariable("topic", "tide pools").build()).build())
                .await().atMost(WAIT);

        assertThat(answer.text()).isNotBlank();
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        assertThat(emulator.lastRequest().modelId()).isEqualTo(PROMPT_ARN);
        assertThat(emulator.lastRequest().rawPath())
                .isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aprompt%2FPRMT12AB34%3A2/converse");
        JsonNode body = lastBody();
        assertThat(body.at("/promptVariables/topic/text").asText()).isEqualTo("tide pools");
        assertThat(body.path("messages")).isEmpty();
        assertThat(body.has("inferenceConfig")).isFalse();
    }

    @Test
    void aPromptArnStreamsWithFollowUpMessagesAndAFamilyHint() throws Exception {
        List<Chunk> chunks = bedrock.stream(ChatRequest.builder().model(PROMPT_ARN).user("And in French?")
                .options(BedrockOptions.builder().promptVariable("topic", "tides").family("anthropic").build()).build())
                .collect().asList().await().atMost(WAIT);
        assertThat(chunks).anyMatch(c -> c instanceof Chunk.TextDelta);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
        assertThat(emulator.lastRequest().modelId()).isEqualTo(PROMPT_ARN);
        assertThat(lastBody().at("/messages/0/content/0/text").asText()).isEqualTo("And in French?");
    }

    @Test
    void membersAPromptDefinesAreRejectedBeforeSending() {
        ChatRequest withSystem = ChatRequest.builder().model(PROMPT_ARN).system("Be brief").maxTokens(10)
                .options(BedrockOptions.builder().promptVariable("topic", "x").build()).build();
        assertThatThrownBy(() -> bedrock.chat(withSystem).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Prompt management")
                .hasMessageContaining("system").hasMessageContaining("inference parameters");
        assertThatThrownBy(() -> ChatRequest.builder().model(CLAUDE_3).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one message");
        ChatRequest variablesWithoutPrompt = ChatRequest.builder().model(CLAUDE_3).user("Hi")
                .options(BedrockOptions.builder().promptVariable("topic", "x").build()).build();
        assertThatThrownBy(() -> bedrock.chat(variablesWithoutPrompt).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("prompt ARN");
        assertThat(emulator.requests()).isEmpty();
    }

    // ---- citations

    private static ChatRequest citedRequest() {
        byte[] doc = "Tide pools form on rocky shores. They hold water at low tide.".getBytes(StandardCharsets.UTF_8);
        ContentBlock.Document document = new ContentBlock.Document(ContentBlock.DocumentFormat.TXT, "Shore guide", doc)
                .withCitations();
        return ChatRequest.builder().model("anthropic.claude-3-5-sonnet-20241022-v2:0")
                .message(new Message(Role.USER, List.of(document, new ContentBlock.Text("What are tide pools?"))))
                .options(BedrockOptions.builder().useConverse(true).build()).build();
    }

    private static void assertCitesTheShoreGuide(Citation citation) {
        assertThat(citation.title()).isEqualTo("Shore guide");
        assertThat(String.join("", citation.sourceText())).isEqualTo("Tide pools form on rocky shores.");
        assertThat(citation.location()).isEqualTo(new Citation.Location(Citation.Kind.DOCUMENT_CHAR, 0, 0, 32, null,
                null));
    }

    @Test
    void aDocumentWithCitationsIsSentSoAndTheAnswerCarriesTypedCitations() throws Exception {
        ChatResponse answer = bedrock.chat(citedRequest()).await().atMost(WAIT);

        assertThat(lastBody().at("/messages/0/content/0/document/citations/enabled").asBoolean()).isTrue();
        ContentBlock.Text text = (ContentBlock.Text) answer.message().content().get(0);
        assertThat(text.text()).isNotBlank().isEqualTo(answer.text());
        assertThat(text.citations()).singleElement().satisfies(ConverseMembersTest::assertCitesTheShoreGuide);
    }

    @Test
    void aStreamSendsTypedCitationChunksAndAssemblesTheSameCitations() {
        List<Chunk> chunks = bedrock.stream(citedRequest()).collect().asList().await().atMost(WAIT);

        List<Chunk.Citation> citations = chunks.stream().filter(Chunk.Citation.class::isInstance)
                .map(Chunk.Citation.class::cast).toList();
        assertThat(citations).singleElement().satisfies(c -> assertCitesTheShoreGuide(c.details()));
        ChatResponseAssembler assembler = new ChatResponseAssembler("m");
        chunks.forEach(assembler::accept);
        ContentBlock.Text text = (ContentBlock.Text) assembler.response().message().content().get(0);
        assertThat(text.citations()).singleElement().satisfies(ConverseMembersTest::assertCitesTheShoreGuide);
    }

    @Test
    void aDocumentWithoutCitationsGivesPlainText() throws Exception {
        byte[] doc = "Plain notes.".getBytes(StandardCharsets.UTF_8);
        ChatResponse answer = bedrock.chat(ChatRequest.builder().model("amazon.nova-lite-v1:0")
                .message(new Message(Role.USER, List.of(new ContentBlock.Document(ContentBlock.DocumentFormat.TXT,
                        "Notes", doc), new ContentBlock.Text("Summarise"))))
                .build()).await().atMost(WAIT);
        assertThat(lastBody().at("/messages/0/content/0/document").has("citations")).isFalse();
        assertThat(((ContentBlock.Text) answer.message().content().get(0)).citations()).isEmpty();
    }

    // ---- prompt cache usage per TTL (cacheDetails)

    private static ChatRequest cachedRequest() {
        return ChatRequest.builder().model("anthropic.claude-3-7-sonnet-20250219-v1:0")
                .system("You are a patient tutor who explains tides to children with short sentences and examples")
                .user("Why is there a low tide?").options(BedrockOptions.builder().useConverse(true)
                        .anthropicPromptCache(true).anthropicPromptCacheTtl("1h").anthropicCacheMessage(0).build())
                .build();
    }

    @Test
    void aFirstCachedRequestWritesPerTtlAndTheNextReadsBack() throws Exception {
        Usage first = bedrock.chat(cachedRequest()).await().atMost(WAIT).usage();
        assertThat(lastBody().toString()).contains("\"ttl\":\"1h\"");
        assertThat(first.cacheWriteInputTokens()).isPositive();
        assertThat(first.cacheWriteInputTokensByTtl()).containsExactly(Map.entry("1h", first.cacheWriteInputTokens()));
        assertThat(first.cacheReadInputTokens()).isZero();
        assertThat(first.totalTokens()).isEqualTo(first.inputTokens() + first.outputTokens()
                + first.cacheWriteInputTokens());

        List<Chunk> chunks = bedrock.stream(cachedRequest()).collect().asList().await().atMost(WAIT);
        Usage second = chunks.stream().filter(Chunk.UsageChunk.class::isInstance).map(c -> ((Chunk.UsageChunk) c).usage())
                .findFirst().orElseThrow();
        assertThat(second.cacheReadInputTokens()).isEqualTo(first.cacheWriteInputTokens());
        assertThat(second.cacheWriteInputTokens()).isZero();
        assertThat(second.cacheWriteInputTokensByTtl()).isEmpty();
    }
}
