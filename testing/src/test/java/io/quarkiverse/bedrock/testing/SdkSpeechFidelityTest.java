package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithBidirectionalStreamInput;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithBidirectionalStreamResponseHandler;
import software.amazon.awssdk.utils.async.SimplePublisher;

/**
 * The AWS SDK for Java's own {@code invokeModelWithBidirectionalStream} (Netty, HTTP/2 prior knowledge) completes a
 * scripted session against the emulator: its streaming request signature and every chained event signature pass the
 * emulator's check, and it reads transcripts, a tool use, text, audio, usage and the completion end.
 */
class SdkSpeechFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "sdk-prompt";

    @Test
    void theSdkCompletesAScriptedSessionWithTextAudioAndATool() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.create().start();
                BedrockRuntimeAsyncClient sdk = BedrockRuntimeAsyncClient.builder()
                        .endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials
                                .create(EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY)))
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                        .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                        .build()) {
            SimplePublisher<InvokeModelWithBidirectionalStreamInput> in = new SimplePublisher<>();
            List<JsonNode> out = new CopyOnWriteArrayList<>();
            CompletableFuture<JsonNode> toolUse = new CompletableFuture<>();
            InvokeModelWithBidirectionalStreamResponseHandler handler = InvokeModelWithBidirectionalStreamResponseHandler
                    .builder().subscriber(InvokeModelWithBidirectionalStreamResponseHandler.Visitor.builder()
                            .onChunk(c -> {
                                JsonNode event = read(c.bytes().asByteArray()).path("event");
                                out.add(event);
                                if (event.has("toolUse")) {
                                    toolUse.complete(event.path("toolUse"));
                                }
                            }).build())
                    .build();
            CompletableFuture<Void> done = sdk.invokeModelWithBidirectionalStream(
                    b -> b.modelId("amazon.nova-sonic-v1:0"), in, handler);

            send(in, "{\"sessionStart\":{\"inferenceConfiguration\":{\"maxTokens\":1024,\"topP\":0.9,\"temperature\":0.7}}}");
            send(in, "{\"promptStart\":{\"promptName\":\"" + PROMPT + "\",\"textOutputConfiguration\":{\"mediaType\":"
                    + "\"text/plain\"},\"audioOutputConfiguration\":{\"mediaType\":\"audio/lpcm\",\"sampleRateHertz\":24000,"
                    + "\"sampleSizeBits\":16,\"channelCount\":1,\"voiceId\":\"matthew\",\"encoding\":\"base64\","
                    + "\"audioType\":\"SPEECH\"},\"toolUseOutputConfiguration\":{\"mediaType\":\"application/json\"},"
                    + "\"toolConfiguration\":{\"tools\":[{\"toolSpec\":{\"name\":\"getWeather\",\"description\":\"w\","
                    + "\"inputSchema\":{\"json\":\"{\\\"type\\\":\\\"object\\\"}\"}}}]}}}");
            content(in, "sys", "TEXT", "SYSTEM", "textInputConfiguration");
            send(in, "{\"textInput\":{\"promptName\":\"" + PROMPT + "\",\"contentName\":\"sys\",\"content\":\"Be brief.\"}}");
            send(in, end("sys"));
            content(in, "mic", "AUDIO", "USER", "audioInputConfiguration");
            byte[] pcm = Tones.sine(300, 32, 16000); // 1024 bytes, the service's usual chunk
            for (int i = 0; i < 10; i++) {
                send(in, "{\"audioInput\":{\"promptName\":\"" + PROMPT + "\",\"contentName\":\"mic\",\"content\":\""
                        + Base64.getEncoder().encodeToString(pcm) + "\"}}");
            }
            send(in, end("mic"));
            JsonNode use = toolUse.get(30, TimeUnit.SECONDS);
            assertThat(use.path("toolName").asText()).isEqualTo("getWeather");
            content(in, "tool", "TOOL", "TOOL", null);
            send(in, "{\"toolResult\":{\"promptName\":\"" + PROMPT + "\",\"contentName\":\"tool\",\"content\":"
                    + "\"{\\\"celsius\\\":21}\"}}");
            send(in, end("tool"));
            send(in, "{\"promptEnd\":{\"promptName\":\"" + PROMPT + "\"}}");
            send(in, "{\"sessionEnd\":{}}");
            in.complete();
            done.get(30, TimeUnit.SECONDS);

            assertThat(out).anySatisfy(e -> assertThat(e.path("textOutput").path("content").asText())
                    .isEqualTo("I spoke for 320 milliseconds"));
            assertThat(out).anySatisfy(e -> assertThat(e.path("textOutput").path("content").asText())
                    .isEqualTo("The tool answered {\"celsius\":21}"));
            assertThat(out).filteredOn(e -> e.has("audioOutput")).hasSize(3)
                    .allSatisfy(e -> assertThat(Base64.getDecoder().decode(e.path("audioOutput").path("content").asText()))
                            .hasSize(24000 * 40 / 1000 * 2));
            assertThat(out).anySatisfy(e -> assertThat(e.path("usageEvent").path("totalTokens").asInt()).isPositive());
            assertThat(out.get(out.size() - 1).has("completionEnd")).isTrue();
            assertThat(emulator.lastRequest().operation()).isEqualTo("invoke-with-bidirectional-stream");
            assertThat(emulator.lastRequest().headers().get("x-amz-content-sha256"))
                    .isEqualTo("STREAMING-AWS4-HMAC-SHA256-EVENTS");
        }
    }

    private static void content(SimplePublisher<InvokeModelWithBidirectionalStreamInput> in, String name, String type,
            String role, String config) {
        String extra = switch (type) {
            case "AUDIO" -> ",\"audioInputConfiguration\":{\"mediaType\":\"audio/lpcm\",\"sampleRateHertz\":16000,"
                    + "\"sampleSizeBits\":16,\"channelCount\":1,\"audioType\":\"SPEECH\",\"encoding\":\"base64\"}";
            case "TOOL" -> ",\"toolResultInputConfiguration\":{\"toolUseId\":\"tooluse-1\",\"type\":\"TEXT\","
                    + "\"textInputConfiguration\":{\"mediaType\":\"text/plain\"}}";
            default -> ",\"" + config + "\":{\"mediaType\":\"text/plain\"}";
        };
        send(in, "{\"contentStart\":{\"promptName\":\"" + PROMPT + "\",\"contentName\":\"" + name + "\",\"type\":\""
                + type + "\",\"interactive\":" + !type.equals("TOOL") + ",\"role\":\"" + role + "\"" + extra + "}}");
    }

    private static String end(String name) {
        return "{\"contentEnd\":{\"promptName\":\"" + PROMPT + "\",\"contentName\":\"" + name + "\"}}";
    }

    private static void send(SimplePublisher<InvokeModelWithBidirectionalStreamInput> in, String event) {
        in.send(InvokeModelWithBidirectionalStreamInput.chunkBuilder()
                .bytes(SdkBytes.fromUtf8String("{\"event\":" + event + "}")).build());
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
