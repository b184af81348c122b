package io.quarkiverse.bedrock.runtime.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.family.StreamEvents;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient.StreamingAnswer;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/** Turns the body of one streamed answer into chunks, failing it when the connection breaks or goes idle. */
final class StreamedChunks {

    private StreamedChunks() {
    }

    /**
     * @param answer the answer, its status already 2xx
     * @param events the converter of this stream's messages
     * @param idle how long the body may stay silent
     * @param idleSetting the name of the setting that gave {@code idle}, for the error
     * @param scheduler where the silence is timed
     * @return the chunks
     */
    static Multi<Chunk> of(StreamingAnswer answer, StreamEvents events, Duration idle, String idleSetting,
            ScheduledExecutorService scheduler) {
        String requestId = answer.requestId() == null ? "" : " (request id " + answer.requestId() + ")";
        Multi<Buffer> body = answer.body()
                .onFailure(t -> !(t instanceof BedrockException)).transform(t -> new StreamInterruptedException(
                        "The connection failed while the answer was streaming" + requestId + ": " + t, t));
        Supplier<StreamInterruptedException> silence = () -> new StreamInterruptedException(
                "No bytes received for " + idleSetting + " = " + idle + requestId);
        return ChunkDecoding.of(IdleTimeout.after(body, idle, silence, scheduler), new EventStreamDecoder(), events);
    }
}
