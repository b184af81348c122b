package io.quarkiverse.bedrock.benchmarks.streaming;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

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
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The AWS SDK for Java v2 {@link BedrockRuntimeAsyncClient} on its Netty client, over HTTP/1.1 or over HTTP/2 (the
 * protocol the SDK picks for Bedrock Runtime by default; on an {@code http://} endpoint that is h2c with prior
 * knowledge). Retries are off so that both clients send exactly one request per stream.
 */
final class SdkClient implements StreamClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BedrockRuntimeAsyncClient sdk;
    private final String name;
    private final String model;

    SdkClient(URI endpoint, String model, String accessKeyId, String secretAccessKey, Protocol protocol) {
        this.model = model;
        this.name = protocol == Protocol.HTTP1_1 ? "aws-sdk-v2 HTTP/1.1" : "aws-sdk-v2 HTTP/2";
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder();
        if (protocol != null) {
            http.protocol(protocol);
        }
        this.sdk = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<StreamResult> stream(String prompt, boolean invoke) {
        return invoke ? invoke(prompt) : converse(prompt);
    }

    /**
     * InvokeModelWithResponseStream with Claude's Messages body; each chunk's bytes are parsed with Jackson (as a user
     * of the SDK must, to get the text out) and a {@code content_block_delta} with a {@code text_delta} counts.
     */
    private CompletableFuture<StreamResult> invoke(String prompt) {
        Recorder r = new Recorder();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .onResponse(response -> r.requestId = response.responseMetadata().requestId())
                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                        .onChunk(part -> {
                            JsonNode chunk;
                            try {
                                chunk = JSON.readTree(part.bytes().asByteArrayUnsafe());
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            if ("content_block_delta".equals(chunk.path("type").asText())
                                    && chunk.path("delta").path("text").isTextual() && r.deltas++ == 0) {
                                r.firstNanos = System.nanoTime();
                            }
                        }).build())
                .build();
        String body = JSON.createObjectNode().put("anthropic_version", "bedrock-2023-05-31").put("max_tokens", 1024)
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user")
                        .put("content", prompt)))
                .toString();
        InvokeModelWithResponseStreamRequest request = InvokeModelWithResponseStreamRequest.builder().modelId(model)
                .contentType("application/json").body(SdkBytes.fromUtf8String(body)).build();
        return sdk.invokeModelWithResponseStream(request, handler)
                .thenApply(ignored -> new StreamResult(r.requestId, r.firstNanos, r.deltas));
    }

    private CompletableFuture<StreamResult> converse(String prompt) {
        Recorder r = new Recorder();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .onResponse(response -> r.requestId = response.responseMetadata().requestId())
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(event -> {
                            if (event.delta().text() != null && r.deltas++ == 0) {
                                r.firstNanos = System.nanoTime();
                            }
                        }).build())
                .build();
        ConverseStreamRequest request = ConverseStreamRequest.builder().modelId(model)
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(prompt)).build())
                .build();
        return sdk.converseStream(request, handler)
                .thenApply(ignored -> new StreamResult(r.requestId, r.firstNanos, r.deltas));
    }

    /** What one stream saw; the SDK delivers the events of a stream one at a time. */
    private static final class Recorder {
        volatile String requestId;
        long firstNanos;
        int deltas;
    }

    @Override
    public void close() {
        sdk.close();
    }
}
