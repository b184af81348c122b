package io.quarkiverse.bedrock.benchmarks.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.family.ConverseStreamEvents;
import io.quarkiverse.bedrock.runtime.family.NativeStreamEvents;
import io.quarkiverse.bedrock.runtime.family.TreeOnlyStreamParser;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFamily;
import io.quarkiverse.bedrock.spi.ModelFamily;
import io.vertx.core.buffer.Buffer;

/**
 * The per-event path of a streamed answer, without the network: the bytes of one whole answer of {@value #DELTAS} text
 * deltas, as Bedrock frames them (the three headers, the {@code p} padding), fed to a fresh {@link EventStreamDecoder}
 * and the stream's event reader, which hands each {@link Chunk} to the caller (a {@link Blackhole}). Scores are per
 * text delta ({@link OperationsPerInvocation}): with {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes a delta
 * costs on this path.
 * <ul>
 * <li>{@link #converseStream}: ConverseStream events read by {@link ConverseStreamEvents};</li>
 * <li>{@link #invokeStream}: InvokeModelWithResponseStream {@code chunk} events holding Claude's native JSON in base64,
 * read by {@link NativeStreamEvents} and the Anthropic family's parser (text deltas as tokens);</li>
 * <li>{@link #invokeGptOss}: the same API with gpt-oss {@code chat.completion.chunk}s, read by the OpenAI family's
 * parser;</li>
 * <li>{@link #invokeTreePerChunk}: the same with the family's parser reading every chunk as a tree (the SPI's default
 * {@code StreamParser.accept(ChunkJson, ...)}), the way every chunk was read before;</li>
 * <li>{@link #converseTreePerEvent}: for comparison, the way ConverseStream events were read before issue 18 (a
 * Jackson tree per event from a copy of its payload), text deltas only.</li>
 * </ul>
 * {@code reads}: {@code frame} feeds one network read per frame (events arriving apart), a number feeds reads of that
 * many bytes (a burst).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamEventsBenchmark {

    /** Text deltas per answer. */
    static final int DELTAS = 200;

    private static final String PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] WORDS = { " The", " quick", " brown", " fox", " jumps", " over", " the", " lazy",
            " dog", "." };

    /** Network read size: one read per frame, or reads of 16 KiB. */
    @Param({ "frame", "16384" })
    public String reads;

    private final ObjectMapper json = new ObjectMapper();
    private Buffer[] converseReads;
    private Buffer[] invokeReads;
    private Buffer[] gptOssReads;
    private int deltasSeen;
    private Consumer<Chunk> sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        converseReads = cut(converseAnswer());
        invokeReads = cut(invokeAnswer());
        gptOssReads = cut(gptOssAnswer());
        sink = chunk -> {
            if (chunk instanceof Chunk.TextDelta) {
                deltasSeen++;
            }
            bh.consume(chunk);
        };
    }

    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public int converseStream() {
        deltasSeen = 0;
        EventStreamDecoder decoder = new EventStreamDecoder();
        ConverseStreamEvents events = new ConverseStreamEvents(json, "req", "converse-stream");
        for (Buffer read : converseReads) {
            decoder.feed(read, m -> events.accept(m, sink));
        }
        decoder.complete();
        events.finish();
        return checkDeltas();
    }

    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public int invokeStream() {
        return invoke(invokeReads, new AnthropicFamily().streamParser(json));
    }

    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public int invokeGptOss() {
        return invoke(gptOssReads, new OpenAiFamily().streamParser(json));
    }

    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public int invokeTreePerChunk() {
        return invoke(invokeReads, new TreeOnlyStreamParser(new AnthropicFamily().streamParser(json)));
    }

    /** One InvokeModelWithResponseStream answer, read by read, through the decoder and the family's parser. */
    private int invoke(Buffer[] reads, ModelFamily.StreamParser parser) {
        deltasSeen = 0;
        EventStreamDecoder decoder = new EventStreamDecoder();
        NativeStreamEvents events = new NativeStreamEvents(json, parser, "req");
        for (Buffer read : reads) {
            decoder.feed(read, m -> events.accept(m, sink));
        }
        decoder.complete();
        events.finish();
        return checkDeltas();
    }

    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public int converseTreePerEvent() {
        deltasSeen = 0;
        EventStreamDecoder decoder = new EventStreamDecoder();
        for (Buffer read : converseReads) {
            decoder.feed(read, m -> {
                if ("contentBlockDelta".equals(m.eventType())) {
                    try {
                        JsonNode delta = json.readTree(m.payload().getBytes()).path("delta");
                        if (delta.path("text").isTextual()) {
                            sink.accept(new Chunk.TextDelta(delta.path("text").asText()));
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
        decoder.complete();
        return checkDeltas();
    }

    private int checkDeltas() {
        if (deltasSeen != DELTAS) {
            throw new IllegalStateException("saw " + deltasSeen + " text deltas, the answer has " + DELTAS);
        }
        return deltasSeen;
    }

    /** The frames of one ConverseStream answer, as the emulator and Bedrock write them. */
    private List<Buffer> converseAnswer() {
        List<Buffer> frames = new ArrayList<>();
        frames.add(converseFrame("messageStart", json.createObjectNode().put("role", "assistant")));
        for (int i = 0; i < DELTAS; i++) {
            ObjectNode delta = json.createObjectNode().put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", WORDS[i % WORDS.length]);
            frames.add(converseFrame("contentBlockDelta", delta));
        }
        frames.add(converseFrame("contentBlockStop", json.createObjectNode().put("contentBlockIndex", 0)));
        frames.add(converseFrame("messageStop", json.createObjectNode().put("stopReason", "end_turn")));
        ObjectNode metadata = json.createObjectNode();
        metadata.putObject("usage").put("inputTokens", 12).put("outputTokens", DELTAS).put("totalTokens", 12 + DELTAS);
        metadata.putObject("metrics").put("latencyMs", 420);
        frames.add(converseFrame("metadata", metadata));
        return frames;
    }

    /** The frames of one InvokeModelWithResponseStream answer of Claude (Messages API chunks). */
    private List<Buffer> invokeAnswer() {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode start = json.createObjectNode().put("type", "message_start");
        start.putObject("message").put("id", "msg_1").put("role", "assistant").putObject("usage")
                .put("input_tokens", 12).put("output_tokens", 1);
        chunks.add(start);
        ObjectNode blockStart = json.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        chunks.add(blockStart);
        for (int i = 0; i < DELTAS; i++) {
            ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", WORDS[i % WORDS.length]);
            chunks.add(delta);
        }
        chunks.add(json.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "end_turn");
        messageDelta.putObject("usage").put("output_tokens", DELTAS);
        chunks.add(messageDelta);
        ObjectNode stop = json.createObjectNode().put("type", "message_stop");
        stop.putObject("amazon-bedrock-invocationMetrics").put("inputTokenCount", 12).put("outputTokenCount", DELTAS)
                .put("invocationLatency", 420).put("firstByteLatency", 80);
        chunks.add(stop);
        return chunkFrames(chunks);
    }

    /** Each chunk's JSON in base64 in a {@code chunk} event, as Bedrock frames it. */
    private List<Buffer> chunkFrames(List<ObjectNode> chunks) {
        List<Buffer> frames = new ArrayList<>();
        for (ObjectNode chunk : chunks) {
            String b64 = Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8));
            ObjectNode payload = json.createObjectNode().put("bytes", b64);
            frames.add(frame("chunk", payload, b64.length()));
        }
        return frames;
    }

    /** The frames of one InvokeModelWithResponseStream answer of gpt-oss, shaped like the recorded ones. */
    private List<Buffer> gptOssAnswer() {
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < DELTAS; i++) {
            chunks.add(gptOssChunk(WORDS[i % WORDS.length], null));
        }
        chunks.add(gptOssChunk(null, "stop"));
        ObjectNode last = gptOssChunk(null, null);
        last.putArray("choices");
        last.putObject("usage").put("completion_tokens", DELTAS).put("prompt_tokens", 12).put("total_tokens", 12 + DELTAS);
        last.putObject("amazon-bedrock-invocationMetrics").put("inputTokenCount", 12).put("outputTokenCount", DELTAS)
                .put("invocationLatency", 420).put("firstByteLatency", 80);
        chunks.add(last);
        return chunkFrames(chunks);
    }

    private ObjectNode gptOssChunk(String content, String finish) {
        ObjectNode chunk = json.createObjectNode();
        ObjectNode choice = chunk.putArray("choices").addObject();
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        choice.put("finish_reason", finish).put("index", 0);
        chunk.put("created", 1761958573).put("id", "chatcmpl-3319a75f-00b7-4f48-b174-4748d3d4d895")
                .put("model", "openai.gpt-oss-20b-1:0").put("object", "chat.completion.chunk").put("service_tier", "auto");
        return chunk;
    }

    private Buffer converseFrame(String type, ObjectNode payload) {
        return frame(type, payload, payload.toString().length());
    }

    /** A frame with the {@code p} padding of varying length that Bedrock adds (as the emulator computes it). */
    private Buffer frame(String type, ObjectNode payload, int lengthForPadding) {
        payload.put("p", PAD.substring(0, 1 + Math.floorMod(lengthForPadding * 17, 40)));
        return EventStreamEncoder.encode(EventStreamMessage.jsonEvent(type, payload.toString()));
    }

    /** The answer as the network reads that deliver it, each its own array. */
    private Buffer[] cut(List<Buffer> frames) {
        if (reads.equals("frame")) {
            return frames.stream().map(f -> Buffer.buffer(f.getBytes())).toArray(Buffer[]::new);
        }
        Buffer all = Buffer.buffer();
        frames.forEach(all::appendBuffer);
        byte[] body = all.getBytes();
        int size = Integer.parseInt(reads);
        Buffer[] out = new Buffer[(body.length + size - 1) / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = Buffer.buffer(Arrays.copyOfRange(body, i * size, Math.min(body.length, (i + 1) * size)));
        }
        return out;
    }
}
