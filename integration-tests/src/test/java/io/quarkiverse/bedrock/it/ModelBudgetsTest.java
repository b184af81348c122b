package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * A requests-per-minute budget from the configuration, end to end: the calls within it reach the emulator, the next
 * one, which would wait beyond its deadline, fails at once without being sent; other models are not limited.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
@TestProfile(ModelBudgetsTest.Profile.class)
class ModelBudgetsTest extends EmulatorTest {

    private static final String LIMITED = "cohere.command-r-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Two requests a minute for one model; deadlines of 10 s, shorter than the 30 s a third request would wait. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.aws-bedrock.budgets.\"" + LIMITED + "\".requests-per-minute", "2",
                    "quarkus.aws-bedrock.timeout", "10S",
                    "quarkus.aws-bedrock.stream-timeout", "10S");
        }
    }

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static ChatRequest hello(String model) {
        return ChatRequest.builder().model(model).user("Hello").build();
    }

    @Test
    void callsBeyondTheModelsBudgetFailNamingTheirDeadlineWithoutReachingBedrock() {
        emulator.enqueue(Reply.text("one"), Reply.text("two"), Reply.text("three"));
        assertThat(bedrock.chat(hello(LIMITED)).await().atMost(WAIT).text()).isEqualTo("one");
        AssertSubscriber<Chunk> stream = bedrock.stream(hello(LIMITED)).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        stream.awaitCompletion(WAIT);
        assertThat(emulator.requests()).hasSize(2);

        Throwable chat = catchThrowable(() -> bedrock.chat(hello(LIMITED)).await().atMost(WAIT));
        assertThat(chat).isInstanceOf(BedrockTimeoutException.class)
                .hasMessageContaining("quarkus.aws-bedrock.timeout").hasMessageContaining("requests-per-minute = 2");
        AssertSubscriber<Chunk> refused = bedrock.stream(hello(LIMITED)).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        refused.awaitFailure(WAIT);
        assertThat(refused.getFailure()).isInstanceOf(BedrockTimeoutException.class)
                .hasMessageContaining("quarkus.aws-bedrock.stream-timeout");
        assertThat(emulator.requests()).as("the refused calls were not sent").hasSize(2);

        // another model has no budget
        assertThat(bedrock.chat(hello("anthropic.claude-3-haiku-20240307-v1:0")).await().atMost(WAIT).text())
                .isEqualTo("three");
    }
}
