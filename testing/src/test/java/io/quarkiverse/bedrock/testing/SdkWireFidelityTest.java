package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/**
 * Wire fidelity: the official AWS SDK for Java v2 async client talks to the emulator as to Bedrock and decodes
 * exactly what the emulator was scripted to send.
 */
class SdkWireFidelityTest {

    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    static BedrockEmulator emulator;
    static BedrockRuntimeAsyncClient sdk;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.create().start();
        sdk = client(EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stop() {
        sdk.close();
        emulator.stop();
    }

    @BeforeEach
    void reset() {
        emulator.reset().options(EmulatorOptions.defaults());
    }

    static BedrockRuntimeAsyncClient client(String keyId, String secret) {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CompletionException(e.getCause() != null ? e.getCause() : e);
        }
    }

    static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    @Test
    void converseDecodesTextThinkingAndUsage() {
        emulator.enqueue(Reply.text("Hello from the emulator!").withThinking("The user greets me."));
        ConverseResponse r = await(sdk.converse(b -> b.modelId(CLAUDE).messages(user("Hi there"))));
        List<ContentBlock> content = r.output().message().content();
        assertThat(content).hasSize(2);
        assertThat(content.get(0).reasoningContent().reasoningText().text()).isEqualTo("The user greets me.");
        assertThat(content.get(0).reasoningContent().reasoningText().signature()).isNotBlank();
        assertThat(content.get(1).text()).isEqualTo("Hello from the emulator!");
        assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(r.usage().inputTokens()).isEqualTo(2);
        assertThat(r.usage().outputTokens()).isEqualTo(4 + 4);
        assertThat(r.usage().totalTokens()).isEqualTo(10);
        assertThat(r.responseMetadata().requestId()).isNotBlank();
        assertThat(emulator.lastRequest().rawPath()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    }

    @Test
    void converseDecodesParallelToolCalls() {
        emulator.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("tooluse_2", "get_time", "{\"zone\":\"CET\",\"hour24\":true}")));
        ConverseResponse r = await(sdk.converse(b -> b.modelId(CLAUDE).messages(user("weather and time?"))
                .toolConfig(t -> t.tools(tool("get_weather"), tool("get_time")))));
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        List<ContentBlock> content = r.output().message().content();
        assertThat(content).hasSize(2);
        assertThat(content.get(0).toolUse().name()).isEqualTo("get_weather");
        assertThat(content.get(0).toolUse().toolUseId()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(content.get(0).toolUse().input()).isEqualTo(Document.mapBuilder().putString("city", "Paris").build());
        assertThat(content.get(1).toolUse().toolUseId()).isEqualTo("tooluse_2");
        assertThat(content.get(1).toolUse().input())
                .isEqualTo(Document.mapBuilder().putString("zone", "CET").putBoolean("hour24", true).build());
    }

    static Tool tool(String name) {
        return Tool.fromToolSpec(ToolSpecification.builder().name(name).description(name)
                .inputSchema(ToolInputSchema.fromJson(Document.mapBuilder().putString("type", "object").build())).build());
    }

    @Test
    void converseStreamDeliversEveryScriptedEvent() {
        emulator.enqueue(Reply.text("One two three four five").withThinking("Counting."));
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        ConverseStreamMetadataEvent[] metadata = new ConverseStreamMetadataEvent[1];
        StopReason[] stop = new StopReason[1];
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onMessageStart(e -> events.add("messageStart:" + e.role()))
                        .onContentBlockDelta(e -> {
                            events.add("delta:" + e.contentBlockIndex());
                            if (e.delta().text() != null) {
                                text.append(e.delta().text());
                            } else if (e.delta().reasoningContent().text() != null) {
                                reasoning.append(e.delta().reasoningContent().text());
                            } else {
                                signatures.add(e.delta().reasoningContent().signature());
                            }
                        })
                        .onContentBlockStop(e -> events.add("stop:" + e.contentBlockIndex()))
                        .onMessageStop(e -> stop[0] = e.stopReason())
                        .onMetadata(e -> metadata[0] = e)
                        .build())
                .build();
        await(sdk.converseStream(b -> b.modelId(CLAUDE).messages(user("count")), handler));
        assertThat(text.toString()).isEqualTo("One two three four five");
        assertThat(reasoning.toString()).isEqualTo("Counting.");
        assertThat(signatures).hasSize(1).first().asString().isNotBlank();
        assertThat(events.get(0)).isEqualTo("messageStart:assistant");
        assertThat(events).containsSubsequence("delta:0", "stop:0", "delta:1", "stop:1");
        assertThat(stop[0]).isEqualTo(StopReason.END_TURN);
        assertThat(metadata[0].usage().outputTokens()).isEqualTo(6);
        assertThat(metadata[0].usage().inputTokens()).isEqualTo(1);
    }

    @Test
    void invokeModelReturnsTheNativeBody() throws Exception {
        emulator.enqueue(Reply.text("Native answer."));
        InvokeModelResponse r = await(sdk.invokeModel(b -> b.modelId(CLAUDE).contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))));
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode body = SignedClient.JSON.readTree(r.body().asByteArray());
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Native answer.");
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void invokeModelWithResponseStreamDeliversEveryChunk() throws Exception {
        emulator.enqueue(Reply.text("Streamed native answer here"));
        List<JsonNode> chunks = new CopyOnWriteArrayList<>();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().onChunk(c -> {
                    try {
                        chunks.add(SignedClient.JSON.readTree(c.bytes().asByteArray()));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).build())
                .build();
        await(sdk.invokeModelWithResponseStream(b -> b.modelId(CLAUDE).contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")),
                handler));
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode c : chunks) {
            types.add(c.get("type").asText());
            text.append(c.at("/delta/text").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Streamed native answer here");
        assertThat(types).startsWith("message_start", "content_block_start").endsWith("message_delta", "message_stop");
        assertThat(chunks.get(chunks.size() - 1).at("/amazon-bedrock-invocationMetrics/outputTokenCount").asInt())
                .isEqualTo(4);
    }

    @Test
    void wrongSecretGetsTheSdkSignatureException() {
        try (BedrockRuntimeAsyncClient wrong = client(EmulatorCredentials.ACCESS_KEY_ID, "wrong-secret")) {
            Throwable t = catchThrowable(() -> await(wrong.converse(b -> b.modelId(CLAUDE).messages(user("hi")))));
            assertThat(t.getCause()).isInstanceOf(BedrockRuntimeException.class);
            BedrockRuntimeException e = (BedrockRuntimeException) t.getCause();
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match");
        }
        try (BedrockRuntimeAsyncClient unknown = client("AKIDUNKNOWN000000000", "x")) {
            Throwable t = catchThrowable(() -> await(unknown.converse(b -> b.modelId(CLAUDE).messages(user("hi")))));
            assertThat(((BedrockRuntimeException) t.getCause()).awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
        }
    }

    @Test
    void throttlingMapsToTheModelledSdkException() {
        emulator.enqueue(Reply.fault(Fault.THROTTLING));
        Throwable t = catchThrowable(() -> await(sdk.converse(b -> b.modelId(CLAUDE).messages(user("hi")))));
        assertThat(t.getCause()).isInstanceOf(ThrottlingException.class);
        assertThat(((ThrottlingException) t.getCause()).statusCode()).isEqualTo(429);
    }

    @Test
    void midStreamExceptionEventReachesTheSdk() {
        emulator.enqueue(Reply.fault(Fault.STREAM_THROTTLING));
        List<String> deltas = new CopyOnWriteArrayList<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(e -> deltas.add(e.delta().text())).build())
                .build();
        Throwable t = catchThrowable(() -> await(sdk.converseStream(b -> b.modelId(CLAUDE).messages(user("hi")), handler)));
        assertThat(t.getCause()).isInstanceOf(ThrottlingException.class);
        assertThat(deltas).isNotEmpty();
    }

    @Test
    void streamingWithToolsOnNovaIsServedAsAwsDocumentsIt() {
        List<String> tools = new CopyOnWriteArrayList<>();
        emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        await(sdk.converseStream(b -> b.modelId("us.amazon.nova-lite-v1:0").messages(user("hi"))
                .toolConfig(c -> c.tools(tool("get_weather"))),
                ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockStart(e -> tools.add(e.start().toolUse().name())).build()).build()));
        assertThat(tools).containsExactly("get_weather");
    }

    @Test
    void streamingWithToolsOnLlama33IsRejectedLikeBedrock() {
        Throwable t = catchThrowable(() -> await(sdk.converseStream(b -> b.modelId("us.meta.llama3-3-70b-instruct-v1:0")
                .messages(user("hi")).toolConfig(c -> c.tools(tool("get_weather"))),
                ConverseStreamResponseHandler.builder().subscriber(e -> {
                }).build())));
        assertThat(t.getCause()).isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ValidationException.class)
                .hasMessageContaining("This model doesn't support tool use in streaming mode.");
    }
}
