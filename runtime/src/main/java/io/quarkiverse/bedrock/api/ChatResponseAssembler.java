package io.quarkiverse.bedrock.api;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Builds a {@link ChatResponse} from the chunks of a streamed answer, so that a streamed and a non-streamed exchange
 * give the same result. Not thread-safe: one instance per stream.
 */
public final class ChatResponseAssembler {

    private final String modelId;
    private final StringBuilder text = new StringBuilder();
    private final List<Chunk.ToolCall> toolCalls = new ArrayList<>();
    private StopReason stopReason;
    private Usage usage = Usage.EMPTY;
    private String requestId;

    /** @param modelId the model id to report in the response */
    public ChatResponseAssembler(String modelId) {
        this.modelId = modelId;
    }

    /**
     * @param chunks a chunk stream
     * @param modelId the model id to report
     * @return the assembled response, once the stream completes
     */
    public static Uni<ChatResponse> assemble(Multi<Chunk> chunks, String modelId) {
        ChatResponseAssembler assembler = new ChatResponseAssembler(modelId);
        return chunks.onItem().invoke(assembler::accept).collect().last().map(ignored -> assembler.response());
    }

    /** @param chunk the next chunk */
    public void accept(Chunk chunk) {
        if (chunk instanceof Chunk.TextDelta t) {
            text.append(t.text());
        } else if (chunk instanceof Chunk.ToolCall call) {
            toolCalls.add(call);
        } else if (chunk instanceof Chunk.Stop stop) {
            stopReason = stop.reason();
        } else if (chunk instanceof Chunk.UsageChunk u) {
            usage = u.usage();
        } else if (chunk instanceof Chunk.Metadata m && m.requestId() != null) {
            requestId = m.requestId();
        }
    }

    /** @return the response built from the chunks seen so far */
    public ChatResponse response() {
        return new ChatResponse(text.toString(), toolCalls, stopReason, usage, modelId, requestId);
    }
}
