package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The common request mistakes fail before anything is sent, saying what to fix. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class RequestChecksTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MODEL = "amazon.nova-lite-v1:0";

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private void assertRejectedUnsent(ChatRequest request, String fragment) {
        assertThatThrownBy(() -> bedrock.chat(request).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(fragment);
        assertThatThrownBy(() -> bedrock.stream(request).collect().asList().await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(fragment);
        assertThatThrownBy(() -> bedrock.countTokens(request).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(fragment);
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void aConversationMustStartWithTheUser() {
        assertRejectedUnsent(ChatRequest.builder().model(MODEL).assistant("Hello, how can I help?").user("Hi").build(),
                "start with user(...)");
    }

    @Test
    void blankTextIsRefused() {
        assertRejectedUnsent(ChatRequest.builder().model(MODEL).user("Hi").assistant("Hello").user("  ").build(),
                "Message 2 (user), content block 0 is blank text");
        assertRejectedUnsent(ChatRequest.builder().model(MODEL).message(new Message(Role.USER,
                List.of(new ContentBlock.Text("look"), new ContentBlock.Text("")))).build(), "content block 1");
        assertRejectedUnsent(ChatRequest.builder().model(MODEL).system(" ").user("Hi").build(),
                "System prompt 0 is blank");
    }

    @Test
    void aValidRequestStillGoesOut() {
        bedrock.chat(ChatRequest.builder().model(MODEL).user("Hi").build()).await().atMost(WAIT);
        assertThat(emulator.requests()).hasSize(1);
    }
}
