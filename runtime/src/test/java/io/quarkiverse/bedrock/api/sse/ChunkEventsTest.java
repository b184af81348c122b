package io.quarkiverse.bedrock.api.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.ServiceUnavailableException;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** A failure after the first event becomes a typed error event; one before it stays a failure, for the mapper. */
class ChunkEventsTest {

    @Test
    void aFailureAfterTheFirstEventEndsTheStreamWithAnErrorEvent() {
        AssertSubscriber<Map<String, Object>> events = ChunkEvents.of(Multi.createFrom().<Chunk> item(
                new Chunk.TextDelta("Hel")).onCompletion()
                .failWith(() -> new ServiceUnavailableException(503, "down", "req-9")))
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        events.awaitCompletion(Duration.ofSeconds(5));
        assertThat(events.getItems()).hasSize(2);
        assertThat(events.getItems().get(0)).containsEntry("type", "text").containsEntry("text", "Hel");
        assertThat(events.getItems().get(1)).containsEntry("type", "error")
                .containsEntry("error", "ServiceUnavailableException").containsEntry("requestId", "req-9")
                .containsEntry("retryable", true);
    }

    @Test
    void ofTurnsAFailureBeforeTheFirstEventIntoAnErrorEventToo() {
        AssertSubscriber<Map<String, Object>> events = ChunkEvents.of(
                Multi.createFrom().<Chunk> failure(new ThrottlingException(429, "slow down", "req-1")))
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        events.awaitCompletion(Duration.ofSeconds(5));
        assertThat(events.getItems()).singleElement().satisfies(e -> assertThat(e).containsEntry("type", "error")
                .containsEntry("error", "ThrottlingException").containsEntry("retryable", true));
    }

    @Test
    void afterFirstLeavesAFailureBeforeTheFirstEventAFailure() {
        AssertSubscriber<Map<String, Object>> events = ChunkEvents.afterFirst(
                Multi.createFrom().<Chunk> failure(new ThrottlingException(429, "slow down", "req-1")))
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        events.awaitFailure(Duration.ofSeconds(5));
        assertThat(events.getFailure()).isInstanceOf(ThrottlingException.class);
        assertThat(events.getItems()).isEmpty();
    }
}
