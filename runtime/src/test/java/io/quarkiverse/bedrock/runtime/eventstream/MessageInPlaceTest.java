package io.quarkiverse.bedrock.runtime.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * Decoded payloads read in place ({@link EventStreamMessage#readPayload}), whichever way the decoder assembled them,
 * and the header caches all decoders share, used from many threads at once.
 */
class MessageInPlaceTest {

    private static final EventStreamMessage SMALL = EventStreamMessage.jsonEvent("contentBlockDelta",
            "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"}}");

    @Test
    void aFrameWithinOneChunkIsReadInTheChunksOwnArray() throws Exception {
        byte[] frame = EventStreamEncoder.encode(SMALL).getBytes();
        EventStreamMessage decoded = new EventStreamDecoder().feed(frame).get(0);

        byte[][] seen = new byte[1][];
        String text = decoded.readPayload((a, off, len) -> {
            seen[0] = a;
            return new String(a, off, len, StandardCharsets.UTF_8);
        });

        assertThat(seen[0]).as("no copy: the chunk's array").isSameAs(frame);
        assertThat(text).isEqualTo(SMALL.payloadAsString());
        assertThat(decoded.payloadLength()).isEqualTo(SMALL.payload().length());
        assertThat(decoded.payload()).isEqualTo(SMALL.payload());
        assertThat(decoded.payloadAsString()).isEqualTo(SMALL.payloadAsString());
        assertThat(decoded).isEqualTo(SMALL).hasSameHashCodeAs(SMALL);
    }

    @Test
    void splitSmallAndLargePayloadsReadTheSameBytesAsTheirBuffers() throws Exception {
        byte[] large = new byte[64 * 1024];
        Arrays.fill(large, (byte) 'x');
        EventStreamMessage big = new EventStreamMessage(SMALL.headers(), Chunks.wrap(large));
        byte[] stream = Chunks.encodeAll(List.of(SMALL, big, SMALL));
        List<List<EventStreamMessage>> ways = List.of(
                // tiny chunks: small payloads copied; 4 KiB chunks: the large one a composite of slices
                Chunks.decodeInChunksOf(stream, 3), Chunks.decodeInChunksOf(stream, 4096),
                // a cut right after the first prelude: that body arrives whole in the next chunk, one piece
                Chunks.decodeCut(stream, 12));
        for (List<EventStreamMessage> decoded : ways) {
            assertThat(decoded).containsExactly(SMALL, big, SMALL);
            for (EventStreamMessage m : decoded) {
                byte[] inPlace = m.readPayload((a, off, len) -> Arrays.copyOfRange(a, off, off + len));
                assertThat(inPlace).isEqualTo(m.payload().getBytes());
            }
        }
    }

    @Test
    void aGivenPayloadIsReadAsItsBytes() throws Exception {
        byte[] read = SMALL.readPayload((a, off, len) -> Arrays.copyOfRange(a, off, off + len));
        assertThat(read).isEqualTo(SMALL.payload().getBytes());
    }

    @Test
    void decodersOnManyThreadsShareTheHeaderCachesSafely() throws Exception {
        // many distinct header sections and strings, so that the threads keep replacing each other's cache slots
        RandomMessages gen = new RandomMessages(0x5EED_0018L);
        List<EventStreamMessage> originals = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            originals.add(gen.next(64));
        }
        byte[] stream = Chunks.encodeAll(originals);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<EventStreamMessage>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<EventStreamMessage> last = null;
                    for (int round = 0; round < 50; round++) {
                        last = Chunks.decodeInChunksOf(stream, 1 + round * 37);
                        if (!last.equals(originals)) {
                            return last;
                        }
                    }
                    return last;
                }));
            }
            for (Future<List<EventStreamMessage>> run : runs) {
                assertThat(run.get()).containsExactlyElementsOf(originals);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
