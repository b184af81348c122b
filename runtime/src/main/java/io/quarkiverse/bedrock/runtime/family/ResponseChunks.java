package io.quarkiverse.bedrock.runtime.family;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;

/** Replays a complete answer as the chunks a stream would have produced, for the non-streaming fallback. */
public final class ResponseChunks {

    private ResponseChunks() {
    }

    /**
     * @param response the complete answer
     * @param api the API that served it, reported in the metadata chunk
     * @return the chunks, ending with stop, usage and metadata
     */
    public static List<Chunk> of(ChatResponse response, String api) {
        List<Chunk> chunks = new ArrayList<>();
        List<ContentBlock> content = response.message().content();
        for (int index = 0; index < content.size(); index++) {
            ContentBlock block = content.get(index);
            if (block instanceof ContentBlock.Text t) {
                chunks.add(new Chunk.TextDelta(t.text()));
                t.citations().forEach(c -> chunks.add(new Chunk.Citation(CitationJson.converse(c))));
            } else if (block instanceof ContentBlock.Reasoning r) {
                chunks.add(new Chunk.ThinkingDelta(r.text(), r.signature(), r.redactedData()));
            } else if (block instanceof ContentBlock.ToolUse u) {
                chunks.add(new Chunk.ToolCallStart(index, u.id(), u.name()));
                chunks.add(new Chunk.ToolCallDelta(index, u.input().toString()));
                chunks.add(new Chunk.ToolCall(index, u.id(), u.name(), u.input()));
            }
        }
        chunks.add(new Chunk.Stop(response.stopReason()));
        chunks.add(new Chunk.UsageChunk(response.usage()));
        if (response.guardrailTrace() != null) {
            chunks.add(new Chunk.GuardrailChunk(response.guardrailTrace()));
        }
        chunks.add(new Chunk.Metadata(-1, response.requestId(), api));
        return chunks;
    }
}
