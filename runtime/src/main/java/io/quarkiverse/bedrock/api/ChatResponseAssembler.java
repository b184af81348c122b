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
    private final List<ContentBlock> blocks = new ArrayList<>();
    private StringBuilder text;
    /** Citations of the text being built. */
    private final List<Citation> citations = new ArrayList<>();
    private StringBuilder thinking;
    private String signature;
    private StopReason stopReason;
    private Usage usage = Usage.EMPTY;
    private String requestId;
    private io.quarkiverse.bedrock.api.guardrail.GuardrailTrace guardrailTrace;

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
        return Uni.createFrom().deferred(() -> {
            ChatResponseAssembler assembler = new ChatResponseAssembler(modelId);
            return chunks.onItem().invoke(assembler::accept).collect().last().map(ignored -> assembler.response());
        });
    }

    /** @param chunk the next chunk */
    public void accept(Chunk chunk) {
        if (chunk instanceof Chunk.TextDelta t) {
            closeThinking();
            if (text == null) {
                text = new StringBuilder();
            }
            text.append(t.text());
        } else if (chunk instanceof Chunk.ThinkingDelta t) {
            closeText();
            if (t.redactedData() != null) {
                closeThinking();
                blocks.add(new ContentBlock.Reasoning(null, null, t.redactedData()));
                return;
            }
            if (thinking == null) {
                thinking = new StringBuilder();
            }
            if (t.text() != null) {
                thinking.append(t.text());
            }
            if (t.signature() != null) {
                signature = t.signature();
            }
        } else if (chunk instanceof Chunk.ToolCall call) {
            closeText();
            closeThinking();
            blocks.add(new ContentBlock.ToolUse(call.id(), call.name(), call.arguments()));
        } else if (chunk instanceof Chunk.Citation c) {
            citations.add(c.details());
        } else if (chunk instanceof Chunk.Stop stop) {
            stopReason = stop.reason();
        } else if (chunk instanceof Chunk.UsageChunk u) {
            usage = u.usage();
        } else if (chunk instanceof Chunk.GuardrailChunk g) {
            guardrailTrace = g.trace();
        } else if (chunk instanceof Chunk.Metadata m && m.requestId() != null) {
            requestId = m.requestId();
        }
    }

    private void closeText() {
        if (text != null) {
            blocks.add(new ContentBlock.Text(text.toString(), citations));
            text = null;
            citations.clear();
        }
    }

    private void closeThinking() {
        if (thinking != null) {
            blocks.add(new ContentBlock.Reasoning(thinking.toString(), signature, null));
            thinking = null;
            signature = null;
        }
    }

    /** @return the response built from the chunks seen so far */
    public ChatResponse response() {
        List<ContentBlock> content = new ArrayList<>(blocks);
        if (thinking != null) {
            content.add(new ContentBlock.Reasoning(thinking.toString(), signature, null));
        }
        if (text != null) {
            content.add(new ContentBlock.Text(text.toString(), citations));
        }
        return new ChatResponse(new Message(Role.ASSISTANT, content), stopReason, usage, modelId, requestId,
                guardrailTrace);
    }
}
