package io.quarkiverse.bedrock.runtime.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.guardrail.GuardrailAction;
import io.quarkiverse.bedrock.api.guardrail.GuardrailFinding;
import io.quarkiverse.bedrock.api.guardrail.GuardrailResult;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/** A real ApplyGuardrail answer (recorded by OpenInference) read into the typed result. */
class RecordedApplyGuardrailTest {

    @Test
    void theRecordedInterventionIsTyped() throws Exception {
        JsonNode body = new ObjectMapper()
                .readTree(TestData.dir("bedrock-recorded/openinference/apply-guardrail/01.response.body.txt").toFile());
        GuardrailResult result = GuardrailCalls.result(body, "req-1");

        assertThat(result.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(result.actionReason()).isEqualTo("Guardrail blocked.");
        assertThat(result.outputs()).containsExactly("Sorry, the model cannot answer this question.");
        assertThat(result.guardedCharacters()).isEqualTo(123);
        assertThat(result.usage().topicPolicyUnits()).isEqualTo(1);
        assertThat(result.usage().sensitiveInformationPolicyUnits()).isEqualTo(1);
        assertThat(result.assessments()).hasSize(1);
        assertThat(result.assessments().get(0).processingLatencyMs()).isEqualTo(379);
        assertThat(result.assessments().get(0).blocked()).isTrue();

        assertThat(result.assessments().get(0).findings("topicPolicy")).singleElement()
                .satisfies(f -> assertThat(f.name()).isEqualTo("InvestmentObjectives"));
        // the null policies of the recording (automated reasoning, grounding, regexes) are simply absent
        assertThat(result.findings()).extracting(GuardrailFinding::policy).containsOnly("topicPolicy", "contentPolicy",
                "sensitiveInformationPolicy");
        assertThat(result.findings()).filteredOn(f -> "BLOCKED".equals(f.action()))
                .extracting(GuardrailFinding::kind, GuardrailFinding::name)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("topics", "InvestmentObjectives"),
                        org.assertj.core.groups.Tuple.tuple("piiEntities", "EMAIL"));
        assertThat(result.findings()).filteredOn(f -> f.policy().equals("contentPolicy")).hasSize(6)
                .allSatisfy(f -> assertThat(f.detected()).isFalse());
    }
}
