package io.quarkiverse.bedrock.benchmarks.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.buffer.Buffer;

/**
 * Decodes one pre-encoded Bedrock-like response body per operation (about 1 MiB, see {@link BedrockLikeStream}), fed
 * chunk by chunk to a fresh decoder, as a client does for one stream:
 * <ul>
 * <li>{@link #ours} - our {@link EventStreamDecoder}, fed Vert.x {@link Buffer}s;</li>
 * <li>{@link #awsSdk} - {@code software.amazon.awssdk.eventstream.MessageDecoder}, the decoder the AWS SDK v2 itself
 * uses, fed {@link ByteBuffer}s;</li>
 * <li>{@link #awsStandalone} - {@code software.amazon.eventstream.MessageDecoder} of the standalone library;</li>
 * <li>{@link #crc32Ceiling} - only {@link CRC32} over every byte once: the floor cost of any decoder that verifies
 * the checksums.</li>
 * </ul>
 * Every decoder hands each message to a consumer that reads its {@code :event-type} string and sinks the headers and
 * the payload into the {@link Blackhole}; an operation fails if a decoder did not produce every frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventStreamDecodeBenchmark {

    /** Payload bytes per frame: a typical text delta, 1 KiB, 64 KiB. */
    @Param({ "100", "1024", "65536" })
    public int payloadSize;

    /** Bytes per network chunk fed to the decoder. */
    @Param({ "1024", "16384" })
    public int chunkSize;

    private BedrockLikeStream stream;
    private byte[][] arrayChunks;
    private Buffer[] vertxChunks;
    private ByteBuffer[] nioChunks;

    private int framesSeen;
    private Consumer<EventStreamMessage> oursSink;
    private Consumer<software.amazon.awssdk.eventstream.Message> awsSdkSink;
    private Consumer<software.amazon.eventstream.Message> awsStandaloneSink;
    private final CRC32 crc = new CRC32();

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        stream = BedrockLikeStream.of(payloadSize, chunkSize);
        arrayChunks = stream.chunks;
        vertxChunks = new Buffer[arrayChunks.length];
        nioChunks = new ByteBuffer[arrayChunks.length];
        for (int i = 0; i < arrayChunks.length; i++) {
            vertxChunks[i] = Buffer.buffer(arrayChunks[i]);
            nioChunks[i] = ByteBuffer.wrap(arrayChunks[i]);
        }
        oursSink = m -> {
            bh.consume(m.eventType());
            bh.consume(m.headers());
            bh.consume(m.payload());
            framesSeen++;
        };
        awsSdkSink = m -> {
            bh.consume(m.getHeaders().get(EventStreamMessage.EVENT_TYPE).getString());
            bh.consume(m.getHeaders());
            bh.consume(m.getPayload());
            framesSeen++;
        };
        awsStandaloneSink = m -> {
            bh.consume(m.getHeaders().get(EventStreamMessage.EVENT_TYPE).getString());
            bh.consume(m.getHeaders());
            bh.consume(m.getPayload());
            framesSeen++;
        };
        checkAllDecodersAgree();
    }

    @Benchmark
    public int ours() {
        framesSeen = 0;
        EventStreamDecoder decoder = new EventStreamDecoder();
        for (Buffer chunk : vertxChunks) {
            decoder.feed(chunk, oursSink);
        }
        decoder.complete();
        return checkFrames("ours");
    }

    @Benchmark
    public int awsSdk() {
        framesSeen = 0;
        software.amazon.awssdk.eventstream.MessageDecoder decoder = new software.amazon.awssdk.eventstream.MessageDecoder(
                awsSdkSink);
        for (ByteBuffer chunk : nioChunks) {
            chunk.rewind();
            decoder.feed(chunk);
        }
        return checkFrames("awsSdk");
    }

    @Benchmark
    public int awsStandalone() {
        framesSeen = 0;
        software.amazon.eventstream.MessageDecoder decoder = new software.amazon.eventstream.MessageDecoder(
                awsStandaloneSink);
        for (ByteBuffer chunk : nioChunks) {
            chunk.rewind();
            decoder.feed(chunk);
        }
        return checkFrames("awsStandalone");
    }

    @Benchmark
    public long crc32Ceiling() {
        CRC32 crc = this.crc;
        crc.reset();
        for (byte[] chunk : arrayChunks) {
            crc.update(chunk, 0, chunk.length);
        }
        return crc.getValue();
    }

    private int checkFrames(String decoder) {
        if (framesSeen != stream.frames) {
            throw new IllegalStateException(decoder + " decoded " + framesSeen + " frames, the stream has " + stream.frames);
        }
        return framesSeen;
    }

    /** Before measuring: the three decoders see the same event type and payload in the last frame. */
    private void checkAllDecodersAgree() {
        byte[] expected = BedrockLikeStream.payload(payloadSize);
        byte[][] last = new byte[3][];
        String[] types = new String[3];
        EventStreamDecoder ours = new EventStreamDecoder();
        for (Buffer chunk : vertxChunks) {
            ours.feed(chunk, m -> {
                last[0] = m.payload().getBytes();
                types[0] = m.eventType();
            });
        }
        ours.complete();
        software.amazon.awssdk.eventstream.MessageDecoder sdk = new software.amazon.awssdk.eventstream.MessageDecoder(m -> {
            last[1] = m.getPayload();
            types[1] = m.getHeaders().get(EventStreamMessage.EVENT_TYPE).getString();
        });
        software.amazon.eventstream.MessageDecoder standalone = new software.amazon.eventstream.MessageDecoder(m -> {
            last[2] = m.getPayload();
            types[2] = m.getHeaders().get(EventStreamMessage.EVENT_TYPE).getString();
        });
        for (ByteBuffer chunk : nioChunks) {
            sdk.feed(chunk.duplicate());
            standalone.feed(chunk.duplicate());
        }
        for (int i = 0; i < 3; i++) {
            if (!Arrays.equals(expected, last[i]) || !BedrockLikeStream.EVENT_TYPE.equals(types[i])) {
                throw new IllegalStateException("decoder " + i + " disagrees on the last frame: " + types[i]);
            }
        }
    }
}
