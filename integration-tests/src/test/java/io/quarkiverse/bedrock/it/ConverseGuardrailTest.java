package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

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
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.guardrail.GuardrailConfig;
import io.quarkiverse.bedrock.api.guardrail.GuardrailFinding;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A guardrail on chat requests: Converse guardrailConfig, the trace on the response and as a stream chunk. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class ConverseGuardrailTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static ChatRequest request(String text, GuardrailConfig guardrail) {
        return ChatRequest.builder().model(MODEL).user(text).maxTokens(100)
                .options(BedrockOptions.builder().guardrail(guardrail).build()).build();
    }

    private JsonNode lastBody() throws Exception {
        return JSON.readTree(emulator.lastRequest().bodyAsString());
    }

    @Test
    void anInterventionGivesItsStopReasonAndTheAssessment() throws Exception {
        ChatResponse response = bedrock.chat(request("Tell me the blocked thing",
                new GuardrailConfig("gr1", "1", "enabled", "async"))).await().atMost(WAIT);

        assertThat(response.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(response.text()).isEqualTo("Sorry, the model cannot answer this question.");
        assertThat(response.guardrailTrace()).isNotNull();
        assertThat(response.guardrailTrace().actionReason()).isEqualTo("Guardrail blocked.");
        assertThat(response.guardrailTrace().inputAssessments()).containsKey("gr1");
        GuardrailFinding finding = response.guardrailTrace().findings().get(0);
        assertThat(finding.policy()).isEqualTo("wordPolicy");
        assertThat(finding.action()).isEqualTo("BLOCKED");
        assertThat(response.guardrailTrace().inputAssessments().get("gr1").processingLatencyMs()).isEqualTo(1);

        JsonNode config = lastBody().path("guardrailConfig");
        assertThat(config.path("guardrailIdentifier").asText()).isEqualTo("gr1");
        assertThat(config.path("trace").asText()).isEqualTo("enabled");
        // streamProcessingMode is a ConverseStream member only
        assertThat(config.has("streamProcessingMode")).isFalse();
    }

    @Test
    void withoutTraceThereIsNoAssessment() {
        ChatResponse response = bedrock.chat(request("Hello there", new GuardrailConfig("gr1", "DRAFT", null, null)))
                .await().atMost(WAIT);
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.guardrailTrace()).isNull();
    }

    @Test
    void aStreamCarriesTheAssessmentAsAChunk() throws Exception {
        List<Chunk> chunks = bedrock.stream(request("Say the blocked word",
                new GuardrailConfig("gr1", "1", "enabled", "sync"))).collect().asList().await().atMost(WAIT);

        assertThat(chunks).anySatisfy(c -> assertThat(c).isEqualTo(new Chunk.Stop(StopReason.GUARDRAIL_INTERVENED)));
        Chunk.GuardrailChunk guardrail = chunks.stream().filter(Chunk.GuardrailChunk.class::isInstance)
                .map(Chunk.GuardrailChunk.class::cast).findFirst().orElseThrow();
        assertThat(guardrail.trace().findings()).extracting(GuardrailFinding::name).containsExactly("blocked");
        assertThat(lastBody().at("/guardrailConfig/streamProcessingMode").asText()).isEqualTo("sync");

        ChatResponseAssembler assembler = new ChatResponseAssembler(MODEL);
        chunks.forEach(assembler::accept);
        assertThat(assembler.response().guardrailTrace()).isEqualTo(guardrail.trace());
        assertThat(assembler.response().text()).isEqualTo("Sorry, the model cannot answer this question.");
    }

    @Test
    void aGuardrailSendsClaudeThroughConverseAndRefusesTheNativeApi() {
        ChatResponse response = bedrock.chat(request("Hello", GuardrailConfig.traced("gr1", "1"))).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        assertThat(response.guardrailTrace().inputAssessments()).containsKey("gr1");
        ChatRequest nativeApi = ChatRequest.builder().model(MODEL).user("Hello").maxTokens(10).options(BedrockOptions
                .builder().guardrail(GuardrailConfig.traced("gr1", "1")).useConverse(false).build()).build();
        assertThatThrownBy(() -> bedrock.chat(nativeApi).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("guardrail");
    }

    @Test
    void aBadGuardrailConfigFailsBeforeSending() {
        assertThatThrownBy(() -> new GuardrailConfig("gr1", "latest", null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("DRAFT");
        assertThatThrownBy(() -> new GuardrailConfig("gr1", "1", "on", null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("enabled_full");
    }
}
