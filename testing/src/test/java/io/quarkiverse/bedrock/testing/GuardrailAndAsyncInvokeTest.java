package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.AsyncInvokeStatus;
import software.amazon.awssdk.services.bedrockruntime.model.GetAsyncInvokeResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeGuardrailChecksResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ListAsyncInvokesResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.SortOrder;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** ApplyGuardrail, InvokeGuardrailChecks and the async invocations, through the AWS SDK for Java. */
class GuardrailAndAsyncInvokeTest {

    static BedrockEmulator emulator;
    static BedrockRuntimeAsyncClient sdk;

    @TempDir
    static Path output;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.create().start();
        sdk = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials
                        .create(EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        emulator.stop();
    }

    @BeforeEach
    void reset() {
        emulator.reset().options(EmulatorOptions.defaults().withAsyncOutputDirectory(output));
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CompletionException(e.getCause() != null ? e.getCause() : e);
        }
    }

    static GuardrailContentBlock text(String t) {
        return GuardrailContentBlock.fromText(b -> b.text(t));
    }

    @Test
    void applyGuardrailPassesOrIntervenes() {
        ApplyGuardrailResponse ok = await(sdk.applyGuardrail(b -> b.guardrailIdentifier("gr-1").guardrailVersion("1")
                .source(GuardrailContentSource.INPUT).content(text("What is the capital of France?"))));
        assertThat(ok.action()).isEqualTo(GuardrailAction.NONE);
        assertThat(ok.outputs()).isEmpty();
        assertThat(ok.usage().wordPolicyUnits()).isEqualTo(1);

        ApplyGuardrailResponse blocked = await(sdk.applyGuardrail(b -> b.guardrailIdentifier("gr-1")
                .guardrailVersion("DRAFT").source(GuardrailContentSource.OUTPUT).content(text("this must be blocked"))));
        assertThat(blocked.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(blocked.outputs().get(0).text()).isEqualTo(GuardrailOperations.BLOCKED_MESSAGE);
        assertThat(blocked.assessments().get(0).wordPolicy().customWords().get(0).match()).isEqualTo("blocked");

        Throwable t = catchThrowable(() -> await(sdk.applyGuardrail(b -> b.guardrailIdentifier("gr-1")
                .guardrailVersion("v2").source(GuardrailContentSource.INPUT).content(text("hi")))));
        assertThat(t.getCause()).isInstanceOf(ValidationException.class).hasMessageContaining("guardrailVersion");
    }

    @Test
    void guardrailChecksScoreTheNamedCategoriesAndFindPii() {
        InvokeGuardrailChecksResponse r = await(sdk.invokeGuardrailChecks(b -> b
                .messages(m -> m.role("user").content(c -> c.text("Ignore this violence, mail me at a@b.example")))
                .checks(c -> c.contentFilter(f -> f.categories(x -> x.category("VIOLENCE"), x -> x.category("HATE")))
                        .sensitiveInformation(s -> s.entities(e -> e.type("EMAIL"))))));
        assertThat(r.results().contentFilter().results()).hasSize(2);
        assertThat(r.results().contentFilter().results().get(0).severityScore()).isEqualTo(0.9);
        assertThat(r.results().contentFilter().results().get(1).severityScore()).isEqualTo(0.0);
        var pii = r.results().sensitiveInformation().results();
        assertThat(pii).hasSize(1);
        assertThat("Ignore this violence, mail me at a@b.example".substring(pii.get(0).beginOffset(),
                pii.get(0).endOffset())).isEqualTo("a@b.example");
        assertThat(r.usage().contentFilter().textUnits()).isEqualTo(1);
    }

    @Test
    void asyncInvokeRunsWritesTheResultAndIsListed() throws IOException {
        Document input = Document.mapBuilder().putString("inputText", "hello").build();
        String arn = await(sdk.startAsyncInvoke(b -> b.modelId("amazon.titan-embed-text-v2:0").modelInput(input)
                .clientRequestToken("token-1")
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://my-bucket/results")))))
                .invocationArn();
        assertThat(arn).startsWith("arn:aws:bedrock:us-east-1:000000000000:async-invoke/");
        // the same client token is the same invocation
        assertThat(await(sdk.startAsyncInvoke(b -> b.modelId("amazon.titan-embed-text-v2:0").modelInput(input)
                .clientRequestToken("token-1")
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://my-bucket/results"))))).invocationArn())
                .isEqualTo(arn);

        GetAsyncInvokeResponse job = await(sdk.getAsyncInvoke(b -> b.invocationArn(arn)));
        assertThat(job.status()).isEqualTo(AsyncInvokeStatus.COMPLETED);
        assertThat(job.modelArn()).endsWith("foundation-model/amazon.titan-embed-text-v2:0");
        assertThat(job.submitTime()).isNotNull();
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        Path result = output.resolve("my-bucket/results").resolve(id).resolve("output.json");
        JsonNode written = SignedClient.JSON.readTree(Files.readString(result));
        assertThat(written.path("embedding")).hasSize(1024);

        String failed = await(sdk.startAsyncInvoke(b -> b.modelId("amazon.titan-embed-text-v2:0")
                .modelInput(Document.mapBuilder().putString("wrong", "x").build())
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://my-bucket/results"))))).invocationArn();
        assertThat(await(sdk.getAsyncInvoke(b -> b.invocationArn(failed))).failureMessage())
                .contains("required key [inputText] not found");

        ListAsyncInvokesResponse all = await(sdk.listAsyncInvokes(b -> b.sortOrder(SortOrder.ASCENDING)));
        assertThat(all.asyncInvokeSummaries()).extracting(s -> s.invocationArn()).containsSubsequence(arn, failed);
        ListAsyncInvokesResponse completed = await(sdk.listAsyncInvokes(b -> b.statusEquals(AsyncInvokeStatus.FAILED)));
        assertThat(completed.asyncInvokeSummaries()).extracting(s -> s.invocationArn()).containsExactly(failed);
        ListAsyncInvokesResponse page = await(sdk.listAsyncInvokes(b -> b.maxResults(1)));
        assertThat(page.asyncInvokeSummaries()).hasSize(1);
        assertThat(page.nextToken()).isNotNull();

        Throwable t = catchThrowable(() -> await(sdk.getAsyncInvoke(b -> b.invocationArn(
                "arn:aws:bedrock:us-east-1:000000000000:async-invoke/nope"))));
        assertThat(t.getCause()).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void asyncInvokeChecksTheModelInStrictMode() {
        Throwable t = catchThrowable(() -> await(sdk.startAsyncInvoke(b -> b.modelId("acme.unknown-model-v9")
                .modelInput(Document.mapBuilder().putString("inputText", "x").build())
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://b/k"))))));
        assertThat(t.getCause()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("The provided model identifier is invalid.");
    }
}
