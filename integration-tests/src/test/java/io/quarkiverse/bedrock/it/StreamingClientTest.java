package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import io.quarkiverse.bedrock.api.error.ModelStreamErrorException;
import io.quarkiverse.bedrock.api.error.ServiceUnavailableException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.quarkiverse.bedrock.eventstream.EventStreamException;
import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkiverse.bedrock.testing.InjectBedrockEmulator;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkiverse.bedrock.testing.ToolCall;
import io.quarkiverse.bedrock.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The client's streaming contract, end to end against the emulator. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class StreamingClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    @InjectBedrockEmulator
    BedrockEmulator emulator;

    @BeforeEach
    void reset() {
        emulator.reset();
        emulator.options(EmulatorOptions.defaults());
    }

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
    void oneChunkAtATimeOverALongStreamNeverOverflows() throws Exception {
        emulator.configure(o -> o.withTokens(10_000));
        java.util.concurrent.CompletableFuture<Long> done = new java.util.concurrent.CompletableFuture<>();
        bedrock.stream(request("cohere.command-r-v1:0").build()).subscribe()
                .withSubscriber(new java.util.concurrent.Flow.Subscriber<Chunk>() {
                    java.util.concurrent.Flow.Subscription subscription;
                    long texts;
                    long outstanding;

                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        subscription = s;
                        outstanding = 1;
                        s.request(1);
                    }

                    @Override
                    public void onNext(Chunk chunk) {
                        if (--outstanding < 0) {
                            done.completeExceptionally(new AssertionError("received a chunk nobody asked for"));
                        }
                        if (chunk instanceof Chunk.TextDelta) {
                            texts++;
                        }
                        outstanding++;
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
                });
        assertThat(done.get(60, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(10_000L);
    }

    @Test
    void cancellingAfterThreeChunksStopsTheStream() {
        emulator.configure(o -> o.withTokens(5_000).withInterTokenDelay(Duration.ofMillis(2)));
        List<Chunk> three = bedrock.stream(request("cohere.command-r-v1:0").build()).select().first(3).collect().asList()
                .await().atMost(WAIT);
        assertThat(three).hasSize(3);
    }

    private Throwable streamFailure(Fault fault) {
        emulator.enqueue(Reply.fault(fault));
        AssertSubscriber<Chunk> subscriber = bedrock.stream(request("cohere.command-r-v1:0").build())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        return subscriber.awaitFailure(WAIT).getFailure();
    }

    @Test
    void throttlingExceptionEventFailsWithThrottlingException() {
        Throwable failure = streamFailure(Fault.STREAM_THROTTLING);
        assertThat(failure).isInstanceOf(ThrottlingException.class);
        assertThat(((BedrockServiceException) failure).statusCode()).isEqualTo(429);
    }

    @Test
    void modelStreamErrorEventFailsWithModelStreamErrorException() {
        assertThat(streamFailure(Fault.STREAM_MODEL_ERROR)).isInstanceOf(ModelStreamErrorException.class);
    }

    @Test
    void connectionDroppedMidFrameIsAnErrorNotASilentEnd() {
        assertThat(streamFailure(Fault.DROP_MID_FRAME)).isInstanceOfAny(EventStreamException.class,
                StreamInterruptedException.class);
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
    void httpErrorsBeforeTheStreamAreTyped() {
        assertThat(streamFailure(Fault.THROTTLING)).isInstanceOf(ThrottlingException.class);
        assertThat(streamFailure(Fault.INTERNAL_ERROR)).isInstanceOf(InternalServerException.class);
        assertThat(streamFailure(Fault.SERVICE_UNAVAILABLE)).isInstanceOf(ServiceUnavailableException.class);
    }
}
