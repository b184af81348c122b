package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * Claude's extended thinking settings of one request, the same for the native and the Converse route. Thinking comes
 * from the {@code reasoningEffort} option, or from {@code thinking} / {@code reasoning_config} in
 * {@code additionalModelRequestFields}. It is turned off, with a log line, when the tool choice forces a tool, because
 * Bedrock rejects thinking together with a forced tool choice.
 */
final class ClaudeThinking {

    /** Thinking budget for {@code reasoningEffort=low}: the smallest budget Claude accepts. */
    static final int LOW_BUDGET = 1024;
    /** Thinking budget for {@code reasoningEffort=medium}. */
    static final int MEDIUM_BUDGET = 4096;
    /** Thinking budget for {@code reasoningEffort=high}. */
    static final int HIGH_BUDGET = 16384;
    /** Tokens left for the answer after the thinking budget when the request sets no {@code maxTokens}. */
    static final int ANSWER_TOKENS = 1024;

    static final String THINKING = "thinking";
    static final String REASONING_CONFIG = "reasoning_config";

    private static final Logger LOG = Logger.getLogger(ClaudeThinking.class);

    private ClaudeThinking() {
    }

    /**
     * @param effort {@code low}, {@code medium} or {@code high}
     * @return the thinking token budget of that effort
     */
    static int budget(String effort) {
        return switch (effort) {
            case "low" -> LOW_BUDGET;
            case "medium" -> MEDIUM_BUDGET;
            case "high" -> HIGH_BUDGET;
            default -> throw new InvalidRequestException("reasoning_effort must be low, medium or high, was " + effort);
        };
    }

    /**
     * @param request the request
     * @param json the mapper
     * @return the {@code thinking} object to send ({@code type}, {@code budget_tokens}), empty when thinking is off or
     *         must be turned off for this request
     * @throws InvalidRequestException when thinking conflicts with the temperature or with {@code maxTokens}
     */
    static Optional<ObjectNode> of(ChatRequest request, ObjectMapper json) {
        Optional<ObjectNode> asked = asked(request, json);
        if (asked.isEmpty() || !"enabled".equals(asked.get().path("type").asText())
                && !"adaptive".equals(asked.get().path("type").asText())) {
            return asked;
        }
        if (forcesTool(request)) {
            LOG.infof("Extended thinking turned off for %s: Bedrock rejects thinking when the tool choice forces a tool"
                    + " (tool choice %s)", request.modelId(), request.toolChoice().get());
            return Optional.empty();
        }
        if (request.temperature().isPresent() && request.temperature().get() != 1.0) {
            throw new InvalidRequestException("Extended thinking needs temperature 1 (was " + request.temperature().get()
                    + "): remove the temperature or the thinking option");
        }
        int budget = asked.get().path("budget_tokens").asInt(0);
        if (request.maxTokens().isPresent() && budget > 0 && request.maxTokens().get() <= budget) {
            throw new InvalidRequestException("maxTokens (" + request.maxTokens().get()
                    + ") must be greater than the thinking budget (" + budget + "): raise maxTokens or lower the effort");
        }
        return asked;
    }

    /**
     * @param request the request
     * @param thinking the thinking that will be sent
     * @param defaultMaxTokens the family's default answer size
     * @return the max tokens to send: the request's, or the budget plus {@link #ANSWER_TOKENS} with thinking, or the default
     */
    static int maxTokens(ChatRequest request, Optional<ObjectNode> thinking, int defaultMaxTokens) {
        if (request.maxTokens().isPresent()) {
            return request.maxTokens().get();
        }
        int budget = thinking.map(t -> t.path("budget_tokens").asInt(0)).orElse(0);
        return budget > 0 ? budget + ANSWER_TOKENS : defaultMaxTokens;
    }

    /** @return whether the tool choice makes thinking impossible */
    static boolean forcesTool(ChatRequest request) {
        return request.toolChoice().map(c -> c instanceof ToolChoice.Any || c instanceof ToolChoice.Named).orElse(false);
    }

    private static Optional<ObjectNode> asked(ChatRequest request, ObjectMapper json) {
        Map<String, Object> extra = request.options().additionalModelRequestFields();
        Object raw = extra.containsKey(THINKING) ? extra.get(THINKING) : extra.get(REASONING_CONFIG);
        if (raw != null) {
            JsonNode node = json.valueToTree(raw);
            if (!node.isObject()) {
                throw new InvalidRequestException("additionalModelRequestFields." + THINKING
                        + " must be an object such as {\"type\": \"enabled\", \"budget_tokens\": 2048}");
            }
            return Optional.of((ObjectNode) node);
        }
        return request.options().reasoningEffort().map(effort -> json.createObjectNode().put("type", "enabled")
                .put("budget_tokens", budget(effort)));
    }
}
