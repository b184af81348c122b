package io.quarkiverse.bedrock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.family.StreamEvents;

class LazyChunksTest {

    /** Emits one text delta per contentBlockDelta, nothing for other events, and counts what it converted. */
    static final class CountingEvents implements StreamEvents {
        final List<String> converted = new ArrayList<>();

        @Override
        public void accept(EventStreamMessage message, Consumer<Chunk> out) {
            converted.add(message.eventType());
            if ("contentBlockDelta".equals(message.eventType())) {
                out.accept(new Chunk.TextDelta(message.payloadAsString()));
            }
        }

        @Override
        public void finish() {
        }
    }

    static List<EventStreamMessage> messages(int deltas) {
        List<EventStreamMessage> m = new ArrayList<>();
        m.add(EventStreamMessage.jsonEvent("messageStart", "{}"));
        for (int i = 0; i < deltas; i++) {
            m.add(EventStreamMessage.jsonEvent("contentBlockDelta", "{\"i\":" + i + "}"));
        }
        m.add(EventStreamMessage.jsonEvent("messageStop", "{}"));
        return m;
    }

    @Test
    void theFirstChunkOnlyWaitsForTheMessagesBeforeIt() {
        CountingEvents events = new CountingEvents();
        Iterator<Chunk> chunks = new LazyChunks(messages(200), events).iterator();
        assertThat(chunks.next()).isEqualTo(new Chunk.TextDelta("{\"i\":0}"));
        assertThat(events.converted).containsExactly("messageStart", "contentBlockDelta");
    }

    @Test
    void everyChunkComesOutInOrderThenTheIteratorIsExhausted() {
        CountingEvents events = new CountingEvents();
        List<Chunk> all = new ArrayList<>();
        new LazyChunks(messages(3), events).forEach(all::add);
        assertThat(all).containsExactly(new Chunk.TextDelta("{\"i\":0}"), new Chunk.TextDelta("{\"i\":1}"),
                new Chunk.TextDelta("{\"i\":2}"));
        assertThat(events.converted).hasSize(5);
    }

    @Test
    void messagesWithoutChunksGiveAnEmptyIterator() {
        Iterator<Chunk> none = new LazyChunks(messages(0), new CountingEvents()).iterator();
        assertThat(none.hasNext()).isFalse();
        assertThatThrownBy(none::next).isInstanceOf(NoSuchElementException.class);
    }
}
