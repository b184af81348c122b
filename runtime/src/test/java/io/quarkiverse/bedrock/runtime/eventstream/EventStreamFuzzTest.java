package io.quarkiverse.bedrock.runtime.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.vertx.core.buffer.Buffer;

/**
 * Coverage-guided fuzzing with Jazzer: arbitrary bytes, fed in chunks of an arbitrary size, either decode or fail with
 * an {@link EventStreamException}; never any other exception, never a hang, and never an allocation beyond what the
 * input justifies (a declared length, however large, must not be allocated up front). The first input byte chooses the
 * chunk size, the rest is the stream. Seeds live in {@code EventStreamFuzzTestInputs/}. Without {@code JAZZER_FUZZ}
 * this runs the seeds only (regression mode); the build sets it so that each run fuzzes for a bounded time.
 */
class EventStreamFuzzTest {

    /** Bytes a decode may allocate beyond a few times its input: decoder state, header strings, message objects. */
    private static final long ALLOCATION_SLACK = 256 * 1024;

    static {
        // load and initialise everything a decode touches, so that class loading is not counted as allocation
        byte[] warm = EventStreamEncoder.encode(EventStreamMessage.jsonEvent("warmUp", "{}")).getBytes();
        for (int i = 0; i < 100; i++) {
            Chunks.decodeWhole(warm);
            try {
                Chunks.decodeWhole(Arrays.copyOf(warm, warm.length - 1));
            } catch (EventStreamException expected) {
                // warming the failure path too
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesOnlyEverFailWithTheCodecException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunkSize = 1 + (input[0] & 0xFF) * 8;
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        List<Buffer> chunks = new ArrayList<>();
        for (int from = 0; from < stream.length; from += chunkSize) {
            chunks.add(Chunks.wrap(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + chunkSize))));
        }
        List<EventStreamMessage> messages = new ArrayList<>();
        EventStreamDecoder decoder = new EventStreamDecoder();
        long before = Frames.allocatedBytes();
        try {
            for (Buffer chunk : chunks) {
                decoder.feed(chunk, messages::add);
            }
            decoder.complete();
        } catch (EventStreamException expected) {
            // the one failure the codec may report
        }
        long allocated = Frames.allocatedBytes() - before;
        for (EventStreamMessage m : messages) {
            // a decoded message must re-encode to a frame the decoder accepts again
            byte[] again = EventStreamEncoder.encode(m).getBytes();
            assertThat(Chunks.decodeWhole(again)).containsExactly(m);
            touch(m);
        }
        assertThat(allocated).as("bytes allocated decoding %s input bytes", stream.length)
                .isLessThan(16L * stream.length + ALLOCATION_SLACK);
    }

    private static void touch(EventStreamMessage m) {
        m.messageType();
        m.eventType();
        m.contentType();
        m.toString();
        try {
            m.checkedType();
        } catch (EventStreamException expected) {
            // protocol checks report with the same exception
        }
    }
}
