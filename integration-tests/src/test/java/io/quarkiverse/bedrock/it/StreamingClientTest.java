package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.InternalServerException;
import io.quarkiverse.bedrock.api.error.ModelErrorException;
import io.quarkiverse.bedrock.api.error.ModelStreamErrorException;
import io.quarkiverse.bedrock.api.error.ModelTimeoutException;
import io.quarkiverse.bedrock.api.error.ServiceUnavailableException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.quarkiverse.bedrock.api.error.ValidationException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamException;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkiverse.bedrock.testing.RecordedRequest;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkiverse.bedrock.testing.ToolCall;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The client's streaming contract, end to end against the emulator. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class StreamingClientTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static ChatRequest.Builder request(String model) {
        return ChatRequest.builder().model(model).user("Hello");
    }

    private static Tool tool(String name) {
        return new Tool(name, "A tool", JSON.createObjectNode().put("type", "object"));
    }

    @Test
    void chatAndStreamAgreeOnTheSameExchange() {
        emulator.enqueue(Reply.text("The same answer, twice."), Reply.text("The same answer, twice."));
        ChatRequest request = request("cohere.command-r-v1:0").build();
        ChatResponse chat = bedrock.chat(request).await().atMost(WAIT);
        ChatResponse streamed = ChatResponseAssembler.assemble(bedrock.stream(request), "cohere.command-r-v1:0")
                .await().atMost(WAIT);
        assertThat(streamed.text()).isEqualTo(chat.text()).isEqualTo("The same answer, twice.");
        assertThat(streamed.stopReason()).isEqualTo(chat.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(streamed.usage()).isEqualTo(chat.usage());
    }

    @Test
    void nothingIsSentBeforeSubscriptionAndResubscribingSendsANewRequest() {
        var multi = bedrock.stream(request("cohere.command-r-v1:0").build());
        assertThat(emulator.requests()).isEmpty();
        multi.collect().asList().await().atMost(WAIT);
        multi.collect().asList().await().atMost(WAIT);
        assertThat(emulator.requests()).hasSize(2);
        assertThat(emulator.requests().get(0).header("X-Amz-Date")).isNotNull();
        assertThat(emulator.requests()).extracting(RecordedRequest::httpVersion).containsOnly(httpVersion());
    }

    @Test
    void aStreamTurnedAwayUnprocessedIsSentAgainAndAnswered() {
        // HTTP/2: a GOAWAY below the stream, retried on a new connection; HTTP/1.1: the connection closed unanswered
        emulator.enqueue(Reply.text("Never sent.").withFault(Fault.GO_AWAY), Reply.text("Answered the second time."));
        ChatResponse answer = ChatResponseAssembler.assemble(bedrock.stream(request("cohere.command-r-v1:0").build()),
                "cohere.command-r-v1:0").await().atMost(WAIT);
        assertThat(answer.text()).isEqualTo("Answered the second time.");
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(emulator.requests()).hasSize(2).extracting(RecordedRequest::httpVersion).containsOnly(httpVersion());
    }

    /** @return the protocol the streams of this test class go over */
    String httpVersion() {
        return "HTTP/1.1";
    }

    @Test
    void toolRoundTripWithTwoToolsAndParallelCalls() throws Exception {
        emulator.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
                ToolCall.of("get_time", "{\"timezone\":\"Europe/Paris\"}")), Reply.text("Sunny, 21 degrees, 14:00."));
        ChatRequest first = request("cohere.command-r-plus-v1:0").tool(tool("get_weather")).tool(tool("get_time")).build();
        List<Chunk> chunks = bedrock.stream(first).collect().asList().await().atMost(WAIT);

        List<Chunk.ToolCall> calls = chunks.stream().filter(Chunk.ToolCall.class::isInstance).map(Chunk.ToolCall.class::cast)
                .toList();
        assertThat(calls).extracting(Chunk.ToolCall::name).containsExactly("get_weather", "get_time");
        assertThat(calls.get(0).arguments().path("city").asText()).isEqualTo("Paris");
        assertThat(calls.get(1).arguments().path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(chunks.stream().filter(Chunk.ToolCallDelta.class::isInstance).count()).isGreaterThanOrEqualTo(2);
        assertThat(chunks).contains(new Chunk.Stop(StopReason.TOOL_USE));

        ChatResponse answer = ChatResponseAssembler.assemble(io.smallrye.mutiny.Multi.createFrom().iterable(chunks), "m")
                .await().atMost(WAIT);
        ChatRequest second = first.toBuilder()
                .message(answer.message())
                .message(new Message(Role.USER, List.of(
                        new ContentBlock.ToolResult(calls.get(0).id(), JSON.readTree("{\"temp\":21}"), false),
                        new ContentBlock.ToolResult(calls.get(1).id(), JSON.getNodeFactory().textNode("14:00"), false))))
                .build();
        ChatResponse last = bedrock.chat(second).await().atMost(WAIT);
        assertThat(last.text()).isEqualTo("Sunny, 21 degrees, 14:00.");
        String sent = emulator.lastRequest().bodyAsString();
        assertThat(sent).contains("\"toolUseId\":\"" + calls.get(0).id() + "\"").contains("\"toolResult\"")
                .contains("\"toolUse\"");
    }

    @Test
    void toolArgumentsSplitAcrossManyDeltasAreAssembled() throws Exception {
        java.nio.file.Path fixture = TestData.dir("reqllm/cohere_command_r_plus_v1_0/object_streaming.json");
        emulator.enqueue(Reply.replay(fixture));
        List<Chunk> chunks = bedrock.stream(request("cohere.command-r-plus-v1:0").tool(tool("structured_output")).build())
                .collect().asList().await().atMost(WAIT);
        List<Chunk.ToolCallDelta> deltas = chunks.stream().filter(Chunk.ToolCallDelta.class::isInstance)
                .map(Chunk.ToolCallDelta.class::cast).toList();
        assertThat(deltas).hasSizeGreaterThan(3);
        Chunk.ToolCall call = chunks.stream().filter(Chunk.ToolCall.class::isInstance).map(Chunk.ToolCall.class::cast)
                .findFirst().orElseThrow();
        String joined = deltas.stream().map(Chunk.ToolCallDelta::partialJson).collect(java.util.stream.Collectors.joining());
        assertThat(call.arguments()).isEqualTo(JSON.readTree(joined));
        assertThat(call.arguments().isObject()).isTrue();
    }

    @Test
    void aSubscriberThatStopsRequestingPausesTheEmulatorsWritesAndOneAtATimeGetsAll10000Tokens() throws Exception {
        // 10,000 tokens of 2,500 characters, about 25 MB: loopback socket buffers hide a few MB (3.9 MB measured
        // here), so a client that stopped reading leaves the emulator far from the middle of the stream
        String word = " " + "x".repeat(2_499);
        emulator.enqueue(Reply.text(word.repeat(10_000)));
        OneAtATime subscriber = new OneAtATime(3);
        bedrock.stream(request("cohere.command-r-v1:0").build()).subscribe().withSubscriber(subscriber);

        // the subscriber holds after 3 chunks: the client stops reading, so the emulator's socket fills up and its
        // writer waits for a drain that does not come; nothing buffers the rest of the answer
        await(() -> subscriber.received.get() == 3, "the first 3 chunks");
        // a writer also pauses for a moment while a fast reader catches up: wait until it either finished the
        // stream (a client that buffers) or stays paused with nothing more written (a client that stopped reading)
        awaitSettled();
        assertThat(emulator.streamStats().completed()).as("%s", emulator.streamStats()).isZero();
        assertThat(emulator.streamStats().pausedNow()).isEqualTo(1);
        assertThat(emulator.streamStats().framesWritten()).as("%s", emulator.streamStats()).isLessThan(10_000 / 2);
        assertThat(subscriber.received.get()).isEqualTo(3);

        subscriber.release();
        assertThat(subscriber.done.get(60, TimeUnit.SECONDS)).isEqualTo(10_000L);
        assertThat(subscriber.overflow).isFalse();
        assertThat(emulator.streamStats().completed()).isEqualTo(1);
        assertThat(emulator.streamStats().framesWritten()).isGreaterThan(10_000);
    }

    /** Requests one chunk at a time; holds after {@code holdAfter} chunks until released. */
    private static final class OneAtATime implements Flow.Subscriber<Chunk> {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final AtomicLong received = new AtomicLong();
        final int holdAfter;
        volatile Flow.Subscription subscription;
        volatile boolean overflow;
        final AtomicLong outstanding = new AtomicLong();
        long texts;

        OneAtATime(int holdAfter) {
            this.holdAfter = holdAfter;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            outstanding.set(1);
            s.request(1);
        }

        @Override
        public void onNext(Chunk chunk) {
            if (outstanding.decrementAndGet() < 0) {
                overflow = true;
            }
            if (chunk instanceof Chunk.TextDelta) {
                texts++;
            }
            if (received.incrementAndGet() == holdAfter) {
                return;
            }
            outstanding.incrementAndGet();
            subscription.request(1);
        }

        void release() {
            outstanding.incrementAndGet();
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(texts);
        }
    }

    /** Waits until the emulator's only stream completed, or stays paused over 20 looks with no frame written. */
    private void awaitSettled() throws InterruptedException {
        long last = -1;
        int unchanged = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (emulator.streamStats().completed() == 0 && unchanged < 20) {
            long written = emulator.streamStats().framesWritten();
            unchanged = written == last && emulator.streamStats().pausedNow() == 1 ? unchanged + 1 : 0;
            last = written;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The emulator's stream neither completed nor settled: " + emulator.streamStats());
            }
            Thread.sleep(25);
        }
    }

    /** Waits for a condition the emulator reports; the bound only keeps a broken client from hanging the build. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void cancellingAfterThreeChunksClosesTheConnectionAndTheEmulatorSeesIt() throws Exception {
        emulator.configure(o -> o.withTokens(5_000).withInterTokenDelay(Duration.ofMillis(2)));
        List<Chunk> three = bedrock.stream(request("cohere.command-r-v1:0").build()).select().first(3).collect().asList()
                .await().atMost(WAIT);
        assertThat(three).hasSize(3);
        // the stream's fate is known once the emulator either finished writing it or lost the connection
        await(() -> emulator.streamStats().closedEarly() + emulator.streamStats().completed() == 1,
                "the emulator to end or lose the stream");
        assertThat(emulator.streamStats().closedEarly()).isEqualTo(1);
        assertThat(emulator.streamStats().completed()).isZero();
        assertThat(emulator.streamStats().framesWritten()).isLessThan(5_000);
    }

    /** Enqueues the fault for every attempt: retryable faults are retried up to retry.max-attempts (3). */
    private Throwable streamFailure(Fault fault) {
        emulator.enqueue(Reply.fault(fault), Reply.fault(fault), Reply.fault(fault));
        AssertSubscriber<Chunk> subscriber = bedrock.stream(request("cohere.command-r-v1:0").build())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        return subscriber.awaitFailure(WAIT).getFailure();
    }

    private Throwable chatFailure(Fault fault) {
        emulator.enqueue(Reply.fault(fault), Reply.fault(fault), Reply.fault(fault));
        return catchThrowable(() -> bedrock.chat(request("cohere.command-r-v1:0").build()).await().atMost(WAIT));
    }

    static Stream<Arguments> exceptionEvents() {
        return Stream.of(
                Arguments.of(Fault.STREAM_THROTTLING, ThrottlingException.class, 429),
                Arguments.of(Fault.STREAM_MODEL_ERROR, ModelStreamErrorException.class, 424),
                Arguments.of(Fault.STREAM_VALIDATION, ValidationException.class, 400),
                Arguments.of(Fault.STREAM_INTERNAL_ERROR, InternalServerException.class, 500),
                Arguments.of(Fault.STREAM_SERVICE_UNAVAILABLE, ServiceUnavailableException.class, 503),
                Arguments.of(Fault.STREAM_MODEL_TIMEOUT, ModelTimeoutException.class, 408));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptionEvents")
    void exceptionEventInsideA200StreamFailsWithTheTypedException(Fault fault, Class<?> type, int status) {
        Throwable failure = streamFailure(fault);
        assertThat(failure).isInstanceOf(type);
        assertThat(((BedrockServiceException) failure).statusCode()).isEqualTo(status);
        assertThat(failure.getMessage()).isNotBlank();
        // ConverseStream's event union has no modelTimeoutException: that one is an HTTP 408 before any stream
        assertThat(emulator.streamStats().started()).isEqualTo(fault == Fault.STREAM_MODEL_TIMEOUT ? 0 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptionEvents")
    void theSameFailureAsAnHttpErrorGivesTheSameTypedException(Fault fault, Class<?> type, int status) {
        Throwable failure = chatFailure(fault);
        // Bedrock names a non-streaming model failure ModelErrorException; both are 424
        assertThat(failure).isInstanceOf(fault == Fault.STREAM_MODEL_ERROR ? ModelErrorException.class : type);
        assertThat(((BedrockServiceException) failure).statusCode()).isEqualTo(status);
        assertThat(emulator.streamStats().started()).isZero();
    }

    @Test
    void aStreamEndingWithoutItsStopEventFailsInsteadOfCompleting() {
        Throwable failure = streamFailure(Fault.TRUNCATE);
        assertThat(failure).isInstanceOf(StreamInterruptedException.class).hasMessageContaining("messageStop");
        assertThat(emulator.streamStats().completed()).isEqualTo(1);
    }

    @Test
    void connectionDroppedMidFrameIsAnInterruptedStreamNotASilentEndNorAnUnreachableEndpoint() {
        assertThat(streamFailure(Fault.DROP_MID_FRAME)).isInstanceOf(StreamInterruptedException.class)
                .hasMessageNotContaining("Cannot reach");
    }

    @Test
    void corruptedCrcFailsWithTheCodecException() {
        assertThat(streamFailure(Fault.CORRUPT_CRC)).isInstanceOf(EventStreamException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void stalledStreamTimesOutWithAClearError() {
        assertThat(streamFailure(Fault.STALL)).isInstanceOf(StreamInterruptedException.class)
                .hasMessageContaining("stream-idle-timeout");
    }

    @Test
    void chunksArriveAsTheirFramesDoNotWhenTheBodyEnds() throws Exception {
        // the emulator sends half of the answer, then holds the connection open and silent: the chunks of that
        // half must reach the subscriber while the body is still open, before the idle timeout fails the stream
        emulator.enqueue(Reply.text("one two three four five six seven eight nine ten").withFault(Fault.STALL));
        AssertSubscriber<Chunk> subscriber = bedrock.stream(request("cohere.command-r-v1:0").build())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await(() -> subscriber.getItems().size() >= 3, "the chunks of the first half");
        assertThat(subscriber.getItems()).allSatisfy(c -> assertThat(c).isInstanceOf(Chunk.TextDelta.class));
        assertThat(emulator.streamStats().completed() + emulator.streamStats().closedEarly()).isZero();
        subscriber.awaitFailure(WAIT);
        assertThat(subscriber.getFailure()).isInstanceOf(StreamInterruptedException.class);
    }

    @Test
    void httpErrorsBeforeTheStreamAreTyped() {
        assertThat(streamFailure(Fault.THROTTLING)).isInstanceOf(ThrottlingException.class);
        assertThat(streamFailure(Fault.INTERNAL_ERROR)).isInstanceOf(InternalServerException.class);
        assertThat(streamFailure(Fault.SERVICE_UNAVAILABLE)).isInstanceOf(ServiceUnavailableException.class);
    }
}
