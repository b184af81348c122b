package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/** The AWS SDK's async client over HTTP/2 cleartext (prior knowledge, as its Netty client does on http://). */
class SdkHttp2Test {

    @Test
    void converseStreamOverHttp2() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.create(EmulatorOptions.defaults().withTokens(7)).start();
                BedrockRuntimeAsyncClient sdk = BedrockRuntimeAsyncClient.builder()
                        .endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials
                                .create(EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY)))
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                        .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                        .build()) {
            List<String> deltas = new CopyOnWriteArrayList<>();
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(d -> deltas.add(d.delta().text())).build())
                    .build();
            sdk.converseStream(b -> b.modelId(StandaloneEmulatorTest.MODEL).messages(SdkWireFidelityTest.user("Hello")),
                    handler).get(30, TimeUnit.SECONDS);
            assertThat(deltas).hasSize(7);
            assertThat(String.join("", deltas)).endsWith(".");
            assertThat(StandaloneEmulatorTest.awaitTiming(emulator).firstTextNanos()).isPositive();
        }
    }
}
