package io.quarkiverse.bedrock.runtime.telemetry;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.runtime.client.ReadTime;

/**
 * Follows one streamed answer: times its output chunks by the arrival of the network read that carried them (see
 * {@link ReadTime}) and keeps what the outcome needs (stop reason, usage, request
 * id, API). One per subscription; its methods run on the stream's serialized signals.
 */
final class StreamWatch {

    private final Observation observation;
    private final OutputTiming timing;
    private final String model;
    /** When the read carrying the chunk being emitted arrived: marked by the stream, found in its context. */
    private final ReadTime readTime = new ReadTime();
    private boolean ended;
    private StopReason stop;
    private Usage usage;
    private String requestId;
    private String api;
    /** The answer's text, only when content is recorded: appended per delta, read once at the end. */
    private final StringBuilder text;

    StreamWatch(Observation observation, String model, long start, String api) {
        this.observation = observation;
        this.timing = new OutputTiming(observation, start);
        this.text = observation.recordsContent() ? new StringBuilder() : null;
        this.model = model;
        this.api = api;
    }

    void onChunk(Chunk chunk) {
        if (chunk instanceof Chunk.TextDelta || chunk instanceof Chunk.ThinkingDelta
                || chunk instanceof Chunk.ToolCallDelta || chunk instanceof Chunk.ToolCallStart) {
            output();
            if (text != null && chunk instanceof Chunk.TextDelta t) {
                text.append(t.text());
            }
        } else if (chunk instanceof Chunk.Stop s) {
            stop = s.reason();
        } else if (chunk instanceof Chunk.UsageChunk u) {
            usage = u.usage();
        } else if (chunk instanceof Chunk.Metadata m) {
            requestId = m.requestId();
            if (m.api() != null) {
                api = m.api();
            }
        }
    }

    /** A chunk of {@code streamObject}: a partial JSON is output, the complete object carries the answer. */
    void onObjectChunk(ObjectChunk<?> chunk) {
        if (chunk instanceof ObjectChunk.Partial<?> partial) {
            output();
            if (text != null) {
                text.append(partial.json());
            }
        } else if (chunk instanceof ObjectChunk.Complete<?> complete && complete.response() != null) {
            ChatResponse response = complete.response();
            stop = response.stopReason();
            usage = response.usage();
            requestId = response.requestId();
        }
    }

    /** @return what the stream marks as each network read arrives */
    ReadTime readTime() {
        return readTime;
    }

    private void output() {
        if (timing.timesNext()) {
            timing.output(readTime.nanos());
        }
    }

    void onCompletion() {
        if (end()) {
            observation.succeeded(new Outcome(requestId, model, stop, usage, api, -1, text == null ? null : text.toString()));
        }
    }

    void onFailure(Throwable failure) {
        if (end()) {
            observation.failed(failure);
        }
    }

    void onCancellation() {
        if (end()) {
            observation.cancelled();
        }
    }

    private boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }
}
