package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Answers every stream with the same prebuilt chunks (text deltas, stop, usage, metadata), its request sent within the
 * call's trace scope as the client sends it: the telemetry wrapper's cost without a transport's.
 */
public final class CannedStreamClient extends UnsupportedBedrockClient {

    private final List<Chunk> chunks;

    /**
     * @param deltas how many text deltas each answer has
     * @param requestId the request id of the answer's metadata
     */
    public CannedStreamClient(int deltas, String requestId) {
        List<Chunk> all = new ArrayList<>();
        for (int i = 0; i < deltas; i++) {
            all.add(new Chunk.TextDelta("token " + i));
        }
        all.add(new Chunk.Stop(StopReason.END_TURN));
        all.add(new Chunk.UsageChunk(new Usage(12, deltas, 12 + deltas, 0, 0)));
        all.add(new Chunk.Metadata(42, requestId, "converse-stream"));
        this.chunks = List.copyOf(all);
    }

    @Override
    public Multi<Chunk> stream(ChatRequest request) {
        return TraceScope.within(Uni.createFrom().item(chunks)).onItem()
                .transformToMulti(answer -> Multi.createFrom().iterable(answer));
    }
}
