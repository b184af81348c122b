package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.PartialAnswer;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.ServiceUnavailableException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkiverse.bedrock.testing.RecordedRequest;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** Retries against the emulator: counted on the emulator's side, each attempt a new signed request. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class RetryTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MODEL = "cohere.command-r-v1:0";

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static ChatRequest hello() {
        return ChatRequest.builder().model(MODEL).user("Hello").build();
    }

    @Test
    void aThrottleAndA503AreRetriedAndTheThirdAttemptAnswers() {
        emulator.enqueue(Reply.fault(Fault.THROTTLING), Reply.fault(Fault.SERVICE_UNAVAILABLE),
                Reply.text("Third time lucky."));
        assertThat(bedrock.chat(hello()).await().atMost(WAIT).text()).isEqualTo("Third time lucky.");
        assertThat(emulator.requests()).hasSize(3)
                .allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("AWS4-HMAC-SHA256"));
    }

    @Test
    void everyAttemptCarriesItsOwnSignatureAndNumberUnderOneInvocationId() {
        emulator.enqueue(Reply.fault(Fault.THROTTLING), Reply.fault(Fault.SERVICE_UNAVAILABLE),
                Reply.text("Third time lucky."));
        assertThat(bedrock.chat(hello()).await().atMost(WAIT).text()).isEqualTo("Third time lucky.");
        List<RecordedRequest> attempts = emulator.requests();
        assertThat(attempts).hasSize(3);
        // the backoff here is milliseconds: the attempts share their X-Amz-Date second, not their signature
        assertThat(attempts).extracting(r -> r.header("Authorization")).doesNotHaveDuplicates()
                .allSatisfy(a -> assertThat(a).contains("amz-sdk-invocation-id;amz-sdk-request"));
        assertThat(attempts).extracting(r -> r.header("amz-sdk-request"))
                .containsExactly("attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3");
        assertThat(attempts).extracting(r -> r.header("amz-sdk-invocation-id")).doesNotContainNull()
                .containsOnly(attempts.get(0).header("amz-sdk-invocation-id"));
    }

    @Test
    void theAttemptsOfAStreamAreNumberedAndSignedApartToo() {
        emulator.enqueue(Reply.fault(Fault.INTERNAL_ERROR), Reply.text("Streamed after a retry."));
        ChatResponseAssembler.assemble(bedrock.stream(hello()), MODEL).await().atMost(WAIT);
        List<RecordedRequest> attempts = emulator.requests();
        assertThat(attempts).extracting(r -> r.header("amz-sdk-request")).containsExactly("attempt=1; max=3",
                "attempt=2; max=3");
        assertThat(attempts).extracting(r -> r.header("Authorization")).doesNotHaveDuplicates();
    }

    @Test
    void aStreamRefusedWithA500IsRetriedBeforeItsFirstChunk() {
        emulator.enqueue(Reply.fault(Fault.INTERNAL_ERROR), Reply.text("Streamed after a retry."));
        assertThat(ChatResponseAssembler.assemble(bedrock.stream(hello()), MODEL).await().atMost(WAIT).text())
                .isEqualTo("Streamed after a retry.");
        assertThat(emulator.requests()).hasSize(2);
    }

    @Test
    void aFailureAfterTheFirstChunkIsNotRetriedAndCarriesWhatWasReceived() {
        emulator.enqueue(Reply.text("one two three four five six seven eight nine ten")
                .withFault(Fault.STREAM_SERVICE_UNAVAILABLE), Reply.text("must not be used"));
        AssertSubscriber<Chunk> subscriber = bedrock.stream(hello()).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitFailure(WAIT);
        assertThat(subscriber.getFailure()).isInstanceOf(ServiceUnavailableException.class);
        PartialAnswer partial = ((BedrockException) subscriber.getFailure()).partialAnswer().orElseThrow();
        String received = subscriber.getItems().stream().filter(c -> c instanceof Chunk.TextDelta)
                .map(c -> ((Chunk.TextDelta) c).text()).reduce("", String::concat);
        assertThat(partial.text()).isNotEmpty().isEqualTo(received);
        assertThat(partial.chunks()).isEqualTo(subscriber.getItems().size());
        assertThat(partial.requestIds()).hasSize(1);
        assertThat(emulator.requests()).hasSize(1);
    }

    @Test
    void aValidationErrorIsNotRetried() {
        emulator.enqueue(Reply.fault(Fault.STREAM_VALIDATION), Reply.text("must not be used"));
        AssertSubscriber<Chunk> subscriber = bedrock.chat(hello()).toMulti().map(r -> (Chunk) new Chunk.TextDelta(r.text()))
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        subscriber.awaitFailure(WAIT);
        assertThat(emulator.requests()).hasSize(1);
    }
}
