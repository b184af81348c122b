package io.quarkiverse.bedrock.runtime.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Property: any sequence of messages (random header sets of all ten types, payloads from 0 to 1 MiB), encoded,
 * concatenated and cut at random points, decodes to exactly the original messages. Seeded, so a failure names the
 * seed that reproduces it.
 */
class EventStreamRoundTripPropertyTest {

    private static final int ROUNDS = 40;
    private static final int MAX_PAYLOAD = 1024 * 1024;

    @Test
    void randomMessagesCutAtRandomPointsDecodeToTheOriginals() {
        long baseSeed = 0x5EED_0007L;
        for (int round = 0; round < ROUNDS; round++) {
            long seed = baseSeed + round;
            RandomMessages gen = new RandomMessages(seed);
            Random random = gen.random();
            List<EventStreamMessage> originals = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                originals.add(gen.next(MAX_PAYLOAD));
            }
            byte[] stream = Chunks.encodeAll(originals);

            List<EventStreamMessage> decoded = decodeAtRandomCuts(stream, random);

            assertThat(decoded).as("seed %s", seed).containsExactlyElementsOf(originals);
        }
    }

    @Test
    void everyPayloadSizeBoundaryUpTo1MiBRoundTrips() {
        RandomMessages gen = new RandomMessages(42);
        for (int size : new int[] { 0, 1, 2, 3, 4, 5, 15, 16, 17, 1023, 1024, 1025, 65535, 65536, 65537, MAX_PAYLOAD }) {
            byte[] payload = new byte[size];
            gen.random().nextBytes(payload);
            EventStreamMessage m = new EventStreamMessage(gen.next(0).headers(), Chunks.wrap(payload));
            byte[] frame = EventStreamEncoder.encode(m).getBytes();
            assertThat(Chunks.decodeWhole(frame)).containsExactly(m);
            assertThat(Chunks.decodeInChunksOf(frame, 1000)).containsExactly(m);
        }
    }

    private static List<EventStreamMessage> decodeAtRandomCuts(byte[] stream, Random random) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = new ArrayList<>();
        int from = 0;
        while (from < stream.length) {
            // mix tiny cuts (inside preludes and headers), network-sized ones and huge ones
            int size = switch (random.nextInt(4)) {
                case 0 -> 1 + random.nextInt(16);
                case 1 -> 1 + random.nextInt(1500);
                case 2 -> 1 + random.nextInt(16 * 1024);
                default -> 1 + random.nextInt(512 * 1024);
            };
            int to = Math.min(stream.length, from + size);
            decoder.feed(Chunks.wrap(Arrays.copyOfRange(stream, from, to)), out::add);
            from = to;
        }
        decoder.complete();
        return out;
    }
}
