package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.async.AsyncInvoke;
import io.quarkiverse.bedrock.api.async.AsyncInvokeDeadlineException;
import io.quarkiverse.bedrock.api.async.AsyncInvokePage;
import io.quarkiverse.bedrock.api.async.AsyncInvokeStatus;
import io.quarkiverse.bedrock.api.async.ListAsyncInvokesRequest;
import io.quarkiverse.bedrock.api.async.StartAsyncInvokeRequest;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.error.ResourceNotFoundException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** StartAsyncInvoke, GetAsyncInvoke, ListAsyncInvokes and polling, through the client against the emulator. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class AsyncInvokeClientTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "amazon.titan-embed-text-v2:0";

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private String start(String text, String token) {
        StartAsyncInvokeRequest.Builder b = StartAsyncInvokeRequest.builder(MODEL,
                JSON.createObjectNode().put("inputText", text), "s3://my-bucket/jobs").tag("team", "search");
        if (token != null) {
            b.clientRequestToken(token);
        }
        return bedrock.asyncInvokes().start(b.build()).await().atMost(WAIT);
    }

    @Test
    void startThenGetGivesTheTypedStatusAndWhereTheOutputIs() throws Exception {
        String arn = start("hello", "token-1");
        assertThat(arn).startsWith("arn:aws:bedrock:");
        JsonNode sent = JSON.readTree(emulator.lastRequest().bodyAsString());
        assertThat(sent.at("/outputDataConfig/s3OutputDataConfig/s3Uri").asText()).isEqualTo("s3://my-bucket/jobs");
        assertThat(sent.at("/tags/0/key").asText()).isEqualTo("team");

        AsyncInvoke job = bedrock.asyncInvokes().get(arn).await().atMost(WAIT);
        assertThat(job.invocationArn()).isEqualTo(arn);
        assertThat(job.status()).isEqualTo(AsyncInvokeStatus.COMPLETED);
        assertThat(job.clientRequestToken()).isEqualTo("token-1");
        assertThat(job.outputS3Uri()).isEqualTo("s3://my-bucket/jobs");
        assertThat(job.submitTime()).isNotNull();
        assertThat(job.endTime()).isNotNull();
        assertThat(job.modelArn()).endsWith("foundation-model/" + MODEL);
        Path output = emulator.asyncOutputDirectory().resolve("my-bucket/jobs")
                .resolve(arn.substring(arn.lastIndexOf('/') + 1)).resolve("output.json");
        assertThat(JSON.readTree(Files.readString(output)).has("embedding")).isTrue();
        // the ARN holds ':' and '/': the GET path label is encoded and signed as sent
        assertThat(emulator.lastRequest().operation()).isEqualTo("get-async-invoke");
    }

    @Test
    void aFailedJobIsAnAnswerWithItsMessage() {
        String arn = bedrock.asyncInvokes().start(StartAsyncInvokeRequest.builder(MODEL,
                JSON.createObjectNode().put("wrong", "x"), "s3://my-bucket/failed").build()).await().atMost(WAIT);
        AsyncInvoke job = bedrock.asyncInvokes().awaitCompletion(arn, Duration.ofMillis(10), WAIT).await().atMost(WAIT);
        assertThat(job.status()).isEqualTo(AsyncInvokeStatus.FAILED);
        assertThat(job.failureMessage()).isNotBlank();
    }

    @Test
    void pollingWaitsWhileInProgress() {
        emulator.asyncInvokeInProgressPolls(3);
        String arn = start("slow", null);
        AsyncInvoke job = bedrock.asyncInvokes().awaitCompletion(arn, Duration.ofMillis(20), WAIT).await().atMost(WAIT);
        assertThat(job.status()).isEqualTo(AsyncInvokeStatus.COMPLETED);
        long polls = emulator.requests().stream().filter(r -> "get-async-invoke".equals(r.operation())).count();
        assertThat(polls).isEqualTo(4);
    }

    @Test
    void pollingStopsAtTheDeadlineWithTheLastStatus() {
        emulator.asyncInvokeInProgressPolls(1000);
        String arn = start("never ends", null);
        assertThatThrownBy(() -> bedrock.asyncInvokes().awaitCompletion(arn, Duration.ofMillis(50),
                Duration.ofMillis(400)).await().atMost(WAIT))
                .isInstanceOfSatisfying(AsyncInvokeDeadlineException.class, e -> {
                    assertThat(e.last().status()).isEqualTo(AsyncInvokeStatus.IN_PROGRESS);
                    assertThat(e.getMessage()).contains(arn).contains("InProgress");
                });
    }

    @Test
    void listPagesThroughEveryJobOldestFirst() {
        List<String> arns = List.of(start("one", null), start("two", null), start("three", null));
        ListAsyncInvokesRequest firstPage = new ListAsyncInvokesRequest(AsyncInvokeStatus.COMPLETED, null, null, true, 2,
                null, null);
        AsyncInvokePage page = bedrock.asyncInvokes().list(firstPage).await().atMost(WAIT);
        assertThat(page.invocations()).hasSize(2);
        assertThat(page.next()).isPresent();
        assertThat(emulator.lastRequest().operation()).isEqualTo("list-async-invokes");

        List<String> all = bedrock.asyncInvokes().listAll(firstPage).map(AsyncInvoke::invocationArn).collect().asList()
                .await().atMost(WAIT);
        assertThat(all).containsAll(arns);
        assertThat(all).doesNotHaveDuplicates();
        List<String> ours = all.stream().filter(arns::contains).toList();
        assertThat(ours).containsExactlyElementsOf(arns);
    }

    @Test
    void listFiltersByTimeWithTimestampsInTheQuery() {
        String arn = start("timed", null);
        AsyncInvoke job = bedrock.asyncInvokes().get(arn).await().atMost(WAIT);
        ListAsyncInvokesRequest before = new ListAsyncInvokesRequest(null, null, job.submitTime().minusSeconds(3600),
                false, null, null, null);
        assertThat(bedrock.asyncInvokes().list(before).await().atMost(WAIT).invocations())
                .noneMatch(i -> i.invocationArn().equals(arn));
        ListAsyncInvokesRequest after = new ListAsyncInvokesRequest(null, job.submitTime().minusSeconds(3600), null,
                false, null, null, null);
        assertThat(bedrock.asyncInvokes().list(after).await().atMost(WAIT).invocations())
                .anyMatch(i -> i.invocationArn().equals(arn));
    }

    @Test
    void anUnknownArnIsNotFound() {
        assertThatThrownBy(() -> bedrock.asyncInvokes().get("arn:aws:bedrock:us-east-1:000000000000:async-invoke/nope")
                .await().atMost(WAIT)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void badRequestsFailBeforeSending() {
        assertThatThrownBy(() -> StartAsyncInvokeRequest.builder(MODEL, JSON.createObjectNode(), "https://x").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("s3://");
        assertThatThrownBy(() -> new ListAsyncInvokesRequest(null, null, null, false, 0, null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("maxResults");
        assertThatThrownBy(() -> bedrock.asyncInvokes().awaitCompletion("arn", Duration.ZERO, WAIT).await()
                .atMost(WAIT)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("interval");
    }
}
