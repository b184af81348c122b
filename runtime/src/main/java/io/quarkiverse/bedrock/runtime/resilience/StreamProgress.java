package io.quarkiverse.bedrock.runtime.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.PartialAnswer;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;

/**
 * What one streamed request delivered over all its attempts: the chunks that reached the subscriber and the request
 * id of every attempt, to build the {@link PartialAnswer} of a late failure.
 */
public final class StreamProgress {

    private final ChatResponseAssembler assembler;
    private final Map<Integer, PartialAnswer.OpenToolCall> open = new TreeMap<>();
    private final List<String> requestIds = new ArrayList<>();
    private int chunks;

    /** @param modelId the model id of the request */
    public StreamProgress(String modelId) {
        this.assembler = new ChatResponseAssembler(modelId);
    }

    /** @param requestId the request id of an attempt's answer, may be null */
    public synchronized void answered(String requestId) {
        if (requestId != null && !requestIds.contains(requestId)) {
            requestIds.add(requestId);
        }
    }

    /** @param chunk a chunk about to reach the subscriber */
    synchronized void delivered(Chunk chunk) {
        chunks++;
        assembler.accept(chunk);
        if (chunk instanceof Chunk.ToolCallStart s) {
            open.put(s.index(), new PartialAnswer.OpenToolCall(s.index(), s.id(), s.name(), ""));
        } else if (chunk instanceof Chunk.ToolCallDelta d && open.containsKey(d.index())) {
            PartialAnswer.OpenToolCall c = open.get(d.index());
            open.put(d.index(), new PartialAnswer.OpenToolCall(c.index(), c.id(), c.name(),
                    c.partialJson() + d.partialJson()));
        } else if (chunk instanceof Chunk.ToolCall c) {
            open.remove(c.index());
        }
    }

    /** @param failure the failure of an attempt, whose request id (if any) is recorded */
    synchronized void failed(Throwable failure) {
        if (failure instanceof BedrockServiceException e) {
            answered(e.requestId());
        }
    }

    /** @return how many chunks reached the subscriber */
    synchronized int chunks() {
        return chunks;
    }

    /**
     * @param failure a failure of the stream as a whole (its deadline)
     * @return the failure, carrying the partial answer when chunks reached the subscriber
     */
    public synchronized Throwable withProgress(BedrockException failure) {
        return chunks > 0 ? partial(failure) : failure;
    }

    /**
     * @param failure the failure after the first chunk
     * @return the exception to fail the stream with: the same typed exception (a foreign one wrapped into a
     *         {@link StreamInterruptedException}) carrying the partial answer
     */
    synchronized BedrockException partial(Throwable failure) {
        BedrockException typed = failure instanceof BedrockException b ? b
                : new StreamInterruptedException("The stream failed after " + chunks + " chunks: " + failure, failure);
        return typed.withPartialAnswer(new PartialAnswer(assembler.response(), List.copyOf(open.values()), chunks,
                List.copyOf(requestIds)));
    }
}
