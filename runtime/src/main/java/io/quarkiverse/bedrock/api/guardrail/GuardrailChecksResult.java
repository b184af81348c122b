package io.quarkiverse.bedrock.api.guardrail;

import java.util.List;
import java.util.Map;

/**
 * The answer of InvokeGuardrailChecks: scores only, nothing is blocked.
 *
 * @param contentFilter a severity score from 0 to 1 per requested content filter category
 * @param promptAttack a severity score from 0 to 1 per requested prompt attack category
 * @param sensitiveInformation the sensitive information found
 * @param sensitiveInformationTruncated whether Bedrock cut the list of sensitive information short
 * @param textUnits the text units processed per check ({@code contentFilter}, {@code promptAttack},
 *        {@code sensitiveInformation})
 * @param requestId the AWS request id, may be null
 */
public record GuardrailChecksResult(Map<String, Double> contentFilter, Map<String, Double> promptAttack,
        List<Entity> sensitiveInformation, boolean sensitiveInformationTruncated, Map<String, Integer> textUnits,
        String requestId) {

    /** Copies the collections. */
    public GuardrailChecksResult {
        contentFilter = Map.copyOf(contentFilter);
        promptAttack = Map.copyOf(promptAttack);
        sensitiveInformation = List.copyOf(sensitiveInformation);
        textUnits = Map.copyOf(textUnits);
    }

    /**
     * A piece of sensitive information.
     *
     * @param type the entity type, e.g. {@code EMAIL}
     * @param confidence the confidence score, 0 to 1
     * @param messageIndex the message it is in
     * @param contentIndex the text block it is in
     * @param beginOffset its first character
     * @param endOffset the character after its last
     */
    public record Entity(String type, double confidence, int messageIndex, int contentIndex, int beginOffset,
            int endOffset) {
    }
}
