package io.quarkiverse.bedrock.testing;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.catalog.ModelCapabilities;
import io.quarkiverse.bedrock.runtime.catalog.ModelCatalog;

/**
 * Bedrock's checks of the model a request names, against the {@link ModelCatalog}: unknown ids, operations the model
 * does not serve, and capabilities it lacks. Each answers with Bedrock's own message.
 */
final class ModelRules {

    static final String INVALID_MODEL = "The provided model identifier is invalid.";
    static final String NO_TOOLS = "This model doesn't support tool use.";
    static final String NO_STREAMING_TOOLS = "This model doesn't support tool use in streaming mode.";
    static final String NOT_CHAT = "This action doesn't support the model that you provided."
            + " Try again with a supported text or chat model.";
    static final String NO_STREAMING = "The model is unsupported for streaming.";
    /** The emulator's wording: the capability is Bedrock's, the exact text of its refusal is not recorded. */
    static final String NO_STRUCTURED_OUTPUT = "This model doesn't support structured output (outputConfig.textFormat).";

    private ModelRules() {
    }

    /**
     * @param catalog the catalogue
     * @param modelId the model id of the request (decoded)
     * @param operation the operation, e.g. {@code converse-stream}
     * @return the model's capabilities, or empty for an ARN that hides the model (provisioned, custom, application
     *         inference profile, prompt), which Bedrock resolves on its side
     * @throws BadRequest with Bedrock's answer for an unknown model, or one the operation does not serve
     */
    static Optional<ModelCapabilities> check(ModelCatalog catalog, String modelId, String operation) {
        if (catalog.baseModelId(modelId).isEmpty()) {
            return Optional.empty();
        }
        ModelCapabilities m = catalog.find(modelId).orElseThrow(() -> BadRequest.validation(INVALID_MODEL));
        boolean converse = operation.startsWith("converse");
        boolean streaming = operation.equals("converse-stream") || operation.equals("invoke-with-response-stream");
        if (converse && !m.converse()) {
            throw BadRequest.validation(NOT_CHAT);
        }
        if (streaming && !m.streaming()) {
            throw BadRequest.validation(NO_STREAMING);
        }
        return Optional.of(m);
    }

    /**
     * @param body a Converse request to a Prompt management prompt
     * @throws BadRequest when it sets a member the stored prompt defines
     */
    static void promptRequest(JsonNode body) {
        for (String member : List.of("system", "toolConfig", "inferenceConfig", "additionalModelRequestFields")) {
            if (body.has(member)) {
                throw BadRequest.validation("The " + member + " field can't be used with a prompt resource. Define it"
                        + " in the prompt in Prompt management instead.");
            }
        }
    }

    /** Where each embeddings family asks for a size: Titan text, Titan multimodal, Nova, Cohere Embed v4. */
    private static final List<String> SIZE_FIELDS = List.of("/dimensions", "/embeddingConfig/outputEmbeddingLength",
            "/singleEmbeddingParams/embeddingDimension", "/output_dimension");

    /**
     * @param m an embeddings model
     * @param body its InvokeModel body
     * @throws BadRequest when the body asks for a size the model does not make
     */
    static void embeddingSize(ModelCapabilities m, JsonNode body) {
        for (String pointer : SIZE_FIELDS) {
            JsonNode size = body.at(pointer);
            if (!size.isMissingNode() && !m.embeddingDimensions().contains(size.asInt())) {
                throw BadRequest.validation("Malformed input request: #" + pointer + ": " + size.asText()
                        + " is not a valid enum value, please reformat your input and try again.");
            }
        }
    }

    /**
     * @param m the model
     * @param prompt what the request asks
     * @param streaming whether it is a streaming call
     * @param nativeBody whether it is an InvokeModel body (else Converse)
     * @throws BadRequest when the model lacks what the request uses
     */
    static void capabilities(ModelCapabilities m, Prompt prompt, boolean streaming, boolean nativeBody) {
        if (!prompt.tools().isEmpty()) {
            if (!m.tools()) {
                throw BadRequest.validation(NO_TOOLS);
            }
            if (streaming && !(nativeBody ? m.nativeStreamingTools() : m.streamingTools())) {
                throw BadRequest.validation(NO_STREAMING_TOOLS);
            }
        }
        if (prompt.outputSchema() != null && !m.structuredOutput()) {
            throw BadRequest.validation(NO_STRUCTURED_OUTPUT);
        }
        if (m.maxTokens() > 0 && prompt.maxTokens() > m.maxTokens()) {
            throw BadRequest.validation("The maximum tokens you requested exceeds the model limit of " + m.maxTokens()
                    + ". Try again with a maximum tokens value that is lower than " + m.maxTokens() + ".");
        }
    }
}
