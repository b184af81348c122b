package io.quarkiverse.bedrock.testing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Amazon Nova multimodal embeddings, synchronous form: a {@code SINGLE_EMBEDDING} task whose
 * {@code singleEmbeddingParams} carry one {@code text}, {@code image}, {@code audio} or {@code video} input and an
 * {@code embeddingDimension}; the answer is {@code {"embeddings": [{"embeddingType": "TEXT", "embedding": [...]}]}}.
 */
final class NovaEmbeddingsCodec implements NativeCodec {

    static final List<String> INPUTS = List.of("text", "image", "audio", "video");

    @Override
    public ObjectNode direct(JsonNode body) {
        String task = body.path("taskType").asText("");
        if (!task.equals("SINGLE_EMBEDDING")) {
            throw BadRequest.validation("Malformed input request: #/taskType: " + (task.isEmpty() ? "required key"
                    + " [taskType] not found"
                    : task + " is not a valid enum value for a synchronous invocation (use"
                            + " StartAsyncInvoke for SEGMENTED_EMBEDDING)")
                    + ", please reformat your input and try again.");
        }
        JsonNode params = body.path("singleEmbeddingParams");
        String kind = INPUTS.stream().filter(params::has).findFirst().orElseThrow(() -> BadRequest.validation(
                "Malformed input request: #/singleEmbeddingParams: one of [text, image, audio, video] is required,"
                        + " please reformat your input and try again."));
        JsonNode input = params.get(kind);
        String content = kind.equals("text") ? input.path("value").asText("") : input.path("source").toString();
        ObjectNode out = Json.object();
        ObjectNode e = out.putArray("embeddings").addObject();
        e.put("embeddingType", kind.toUpperCase(java.util.Locale.ROOT));
        e.set("embedding", Embeddings.vector(content, params.path("embeddingDimension").asInt(3072)));
        return out;
    }

    @Override
    public Prompt parse(JsonNode body) {
        throw new IllegalStateException("Nova embeddings answer directly");
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        throw new IllegalStateException("Nova embeddings answer directly");
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        throw BadRequest.validation("The model is unsupported for streaming.");
    }
}
