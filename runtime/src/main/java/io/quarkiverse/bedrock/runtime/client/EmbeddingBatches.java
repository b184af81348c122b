package io.quarkiverse.bedrock.runtime.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.runtime.embed.EmbeddingFormat;
import io.smallrye.mutiny.Uni;

/**
 * Embeds texts in as many InvokeModel calls as the model's batch size needs, sent together, and joins their answers
 * into one response: vectors in the order of the texts, token counts summed, every request id kept.
 */
final class EmbeddingBatches {

    private final BedrockCalls calls;
    private final JsonBodies json;

    EmbeddingBatches(BedrockCalls calls, JsonBodies json) {
        this.calls = calls;
        this.json = json;
    }

    /** The vectors of one call, its input token header and request id. */
    private record Batch(EmbeddingFormat.Vectors vectors, String inputTokenCount, String requestId) {
    }

    /** @param request the request @return the embeddings of all its texts */
    Uni<EmbedResponse> embed(EmbedRequest request) {
        EmbeddingFormat format = EmbeddingFormat.of(request);
        List<String> texts = request.texts();
        List<Uni<Batch>> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += format.batchSize()) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + format.batchSize()));
            byte[] body = json.bytes(format.body(request, batch, json.mapper()));
            batches.add(calls.post(request.modelId(), request.options(), "invoke", body)
                    .map(answer -> new Batch(format.vectors(json.read(answer), batch), answer.inputTokenCount(),
                            answer.requestId())));
        }
        return Uni.join().all(batches).andFailFast().map(done -> joined(request, done));
    }

    private EmbedResponse joined(EmbedRequest request, List<Batch> batches) {
        List<EmbedResponse.Embedding> embeddings = new ArrayList<>();
        Map<String, ArrayNode> byType = new LinkedHashMap<>();
        List<String> requestIds = new ArrayList<>();
        int tokens = 0;
        int index = 0;
        for (Batch b : batches) {
            for (float[] vector : b.vectors().floats()) {
                embeddings.add(new EmbedResponse.Embedding(index, request.texts().get(index), vector));
                index++;
            }
            b.vectors().byType().forEach((type, vectors) -> byType
                    .computeIfAbsent(type, t -> json.mapper().createArrayNode()).addAll((ArrayNode) vectors));
            tokens += b.inputTokenCount() != null ? Integer.parseInt(b.inputTokenCount().trim())
                    : Math.max(0, b.vectors().bodyInputTokens());
            if (b.requestId() != null) {
                requestIds.add(b.requestId());
            }
        }
        return new EmbedResponse(request.modelId().value(), embeddings, Map.copyOf(byType), tokens, requestIds);
    }
}
