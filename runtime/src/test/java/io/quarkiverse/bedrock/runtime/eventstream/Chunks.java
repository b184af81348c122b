package io.quarkiverse.bedrock.runtime.eventstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/** Test helpers: feeding byte sequences to a fresh decoder in various cuts. */
final class Chunks {

    private Chunks() {
    }

    /** Wraps bytes as a heap Buffer without copying. */
    static Buffer wrap(byte[] bytes) {
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes));
    }

    /** Decodes the whole stream fed as one chunk, and checks it ends on a frame boundary. */
    static List<EventStreamMessage> decodeWhole(byte[] stream) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = decoder.feed(wrap(stream));
        decoder.complete();
        return out;
    }

    /** Decodes the stream cut at the given ascending offsets, copying each piece into its own chunk. */
    static List<EventStreamMessage> decodeCut(byte[] stream, int... cuts) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.addAll(decoder.feed(wrap(Arrays.copyOfRange(stream, from, cut))));
            from = cut;
        }
        out.addAll(decoder.feed(wrap(Arrays.copyOfRange(stream, from, stream.length))));
        decoder.complete();
        return out;
    }

    /** Decodes the stream fed in chunks of {@code size} bytes (the last one shorter). */
    static List<EventStreamMessage> decodeInChunksOf(byte[] stream, int size) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = new ArrayList<>();
        for (int from = 0; from < stream.length; from += size) {
            out.addAll(decoder.feed(wrap(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + size)))));
        }
        decoder.complete();
        return out;
    }

    /** Concatenates the encoded frames. */
    static byte[] encodeAll(List<EventStreamMessage> messages) {
        Buffer all = Buffer.buffer();
        for (EventStreamMessage m : messages) {
            all.appendBuffer(EventStreamEncoder.encode(m));
        }
        return all.getBytes();
    }
}
