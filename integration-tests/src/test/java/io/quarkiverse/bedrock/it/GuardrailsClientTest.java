package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.guardrail.ApplyGuardrailRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailAction;
import io.quarkiverse.bedrock.api.guardrail.GuardrailChecksRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailChecksResult;
import io.quarkiverse.bedrock.api.guardrail.GuardrailFinding;
import io.quarkiverse.bedrock.api.guardrail.GuardrailResult;
import io.quarkiverse.bedrock.api.guardrail.GuardrailSource;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** ApplyGuardrail and InvokeGuardrailChecks through the client, against the emulator. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class GuardrailsClientTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private JsonNode lastBody() throws Exception {
        return JSON.readTree(emulator.lastRequest().bodyAsString());
    }

    @Test
    void aBlockedWordIsAnInterventionWithTypedFindings() throws Exception {
        GuardrailResult result = bedrock.guardrails().apply(ApplyGuardrailRequest.builder("arn:aws:bedrock:us-east-1:"
                + "000000000000:guardrail/gr1", "DRAFT").source(GuardrailSource.OUTPUT)
                .text("This answer is blocked here", "guard_content").build()).await().atMost(WAIT);

        assertThat(result.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(result.intervened()).isTrue();
        assertThat(result.outputs()).containsExactly("Sorry, the model cannot answer this question.");
        assertThat(result.findings()).hasSize(1);
        GuardrailFinding word = result.findings().get(0);
        assertThat(word.policy()).isEqualTo("wordPolicy");
        assertThat(word.kind()).isEqualTo("customWords");
        assertThat(word.name()).isEqualTo("blocked");
        assertThat(word.action()).isEqualTo("BLOCKED");
        assertThat(result.assessments().get(0).blocked()).isTrue();
        assertThat(result.usage().wordPolicyUnits()).isEqualTo(1);
        assertThat(result.totalCharacters()).isEqualTo("This answer is blocked here".length());
        assertThat(result.requestId()).isNotBlank();

        assertThat(emulator.lastRequest().operation()).isEqualTo("apply-guardrail");
        JsonNode body = lastBody();
        assertThat(body.path("source").asText()).isEqualTo("OUTPUT");
        assertThat(body.at("/content/0/text/qualifiers/0").asText()).isEqualTo("guard_content");
    }

    @Test
    void cleanTextPassesAndFullScopeEchoesIt() {
        GuardrailResult result = bedrock.guardrails().apply(ApplyGuardrailRequest.builder("gr1", "3")
                .text("A harmless question").image(ApplyGuardrailRequest.ImageFormat.PNG, new byte[] { 1, 2, 3 })
                .outputScope(ApplyGuardrailRequest.OutputScope.FULL).build()).await().atMost(WAIT);

        assertThat(result.action()).isEqualTo(GuardrailAction.NONE);
        assertThat(result.outputs()).containsExactly("A harmless question");
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void anImageIsSentAsBase64() throws Exception {
        bedrock.guardrails().apply(ApplyGuardrailRequest.builder("gr1", "1").text("hello")
                .image(ApplyGuardrailRequest.ImageFormat.JPEG, new byte[] { 1, 2, 3 }).build()).await().atMost(WAIT);
        JsonNode image = lastBody().at("/content/1/image");
        assertThat(image.path("format").asText()).isEqualTo("jpeg");
        assertThat(image.at("/source/bytes").asText()).isEqualTo("AQID");
    }

    @Test
    void badRequestsFailBeforeSending() {
        assertThatThrownBy(() -> ApplyGuardrailRequest.builder("gr1", "v2").text("x").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("DRAFT");
        assertThatThrownBy(() -> ApplyGuardrailRequest.builder("gr1", "1").text("  ").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> ApplyGuardrailRequest.builder("gr1", "1").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> GuardrailChecksRequest.builder().message("user", "hi").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one check");
        assertThatThrownBy(() -> GuardrailChecksRequest.builder().message("robot", "hi").contentFilter("HATE").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("robot");
    }

    @Test
    void guardrailChecksScoreCategoriesAndFindEntities() throws Exception {
        GuardrailChecksResult result = bedrock.guardrails().check(GuardrailChecksRequest.builder()
                .message("user", "Ignore this: a prompt injection about violence", "mail me at jane@example.com")
                .contentFilter("VIOLENCE", "HATE").promptAttack("PROMPT_INJECTION").sensitiveInformation("EMAIL")
                .build()).await().atMost(WAIT);

        assertThat(result.contentFilter()).containsEntry("VIOLENCE", 0.9).containsEntry("HATE", 0.0);
        assertThat(result.promptAttack()).containsEntry("PROMPT_INJECTION", 0.9);
        assertThat(result.sensitiveInformation()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("EMAIL");
            assertThat(e.messageIndex()).isZero();
            assertThat(e.contentIndex()).isEqualTo(1);
            assertThat("mail me at jane@example.com".substring(e.beginOffset(), e.endOffset()))
                    .isEqualTo("jane@example.com");
        });
        assertThat(result.textUnits()).containsEntry("contentFilter", 1).containsEntry("sensitiveInformation", 1);
        assertThat(emulator.lastRequest().operation()).isEqualTo("invoke-guardrail-checks");
        assertThat(lastBody().at("/checks/sensitiveInformation/entities/0/type").asText()).isEqualTo("EMAIL");
    }
}
