package io.quarkiverse.bedrock.client;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.family.StreamEvents;

/**
 * The chunks of the messages decoded from one network read, turned into chunks only as the subscriber takes them: a
 * read can hold hundreds of frames, and the first chunk should not wait for the JSON of all the others. Single use.
 */
final class LazyChunks implements Iterable<Chunk>, Iterator<Chunk>, Consumer<Chunk> {

    private final List<EventStreamMessage> messages;
    private final StreamEvents events;
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>(4);
    private int next;

    LazyChunks(List<EventStreamMessage> messages, StreamEvents events) {
        this.messages = messages;
        this.events = events;
    }

    @Override
    public Iterator<Chunk> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && next < messages.size()) {
            events.accept(messages.get(next++), this);
        }
        return !pending.isEmpty();
    }

    @Override
    public Chunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    /** Receives the chunks of the message being converted. */
    @Override
    public void accept(Chunk chunk) {
        pending.add(chunk);
    }
}
