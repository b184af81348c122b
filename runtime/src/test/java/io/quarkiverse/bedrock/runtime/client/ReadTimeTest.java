package io.quarkiverse.bedrock.runtime.client;

import static io.quarkiverse.bedrock.runtime.client.ChunkDecodingTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.runtime.client.ChunkDecodingTest.Body;
import io.quarkiverse.bedrock.runtime.client.ChunkDecodingTest.CountingEvents;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient.StreamingAnswer;
import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** A streamed answer tells a subscriber that times its chunks when the read carrying each chunk arrived. */
class ReadTimeTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** The answer's chunks behind a flatMap and an operator, as in the client, noting the read time at each chunk. */
    private Multi<Chunk> chunks(Body body, ReadTime readTime, List<Long> times) {
        return Multi.createFrom().item(new StreamingAnswer("req-1", body.multi)).onItem()
                .transformToMultiAndConcatenate(answer -> StreamedChunks.of(answer, new CountingEvents(),
                        Duration.ofSeconds(30), "stream-idle-timeout", scheduler))
                .onItem().invoke(chunk -> times.add(readTime.nanos()));
    }

    @Test
    void chunksOfOneReadShareItsArrivalTimeAndALaterReadHasALaterOne() {
        List<EventStreamMessage> all = answer(4);
        Body body = new Body(List.of(all.subList(0, 3), all.subList(3, 6)));
        ReadTime readTime = new ReadTime();
        List<Long> times = new ArrayList<>();
        long before = System.nanoTime();

        chunks(body, readTime, times).subscribe().withSubscriber(
                AssertSubscriber.<Chunk> create(Context.of(ReadTime.CONTEXT_KEY, readTime), Long.MAX_VALUE))
                .assertCompleted();

        assertThat(times).hasSize(4);
        assertThat(times.get(0)).as("the first read's two deltas").isEqualTo(times.get(1))
                .isGreaterThanOrEqualTo(before);
        assertThat(times.get(2)).as("the second read's two deltas").isEqualTo(times.get(3))
                .isGreaterThanOrEqualTo(times.get(1));
        assertThat(readTime.nanos()).as("marked: the last read's time, not now").isEqualTo(times.get(3));
    }

    @Test
    void withoutAMarkedReadTheTimeIsNow() {
        ReadTime unmarked = new ReadTime();
        long before = System.nanoTime();
        long first = unmarked.nanos();
        assertThat(first).isGreaterThanOrEqualTo(before);
        assertThat(unmarked.nanos()).isGreaterThanOrEqualTo(first);
        unmarked.arrived(before - 5);
        assertThat(unmarked.nanos()).isEqualTo(before - 5);
    }
}
