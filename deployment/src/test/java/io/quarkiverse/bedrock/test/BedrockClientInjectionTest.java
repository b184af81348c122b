package io.quarkiverse.bedrock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

class BedrockClientInjectionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .overrideConfigKey("quarkus.aws-bedrock.region", "eu-west-3");

    @Inject
    @Bedrock
    BedrockClient client;

    @Test
    void clientIsInjectedAndIsTheSingleApplicationScopedBean() {
        assertThat(client).isNotNull();
        BedrockClient looked = Arc.container().select(BedrockClient.class, Bedrock.Literal.INSTANCE).get();
        assertThat(looked.toString()).isEqualTo(client.toString());
    }

    @Test
    void requestWithoutMessageIsRejectedBeforeSending() {
        assertThatThrownBy(() -> ChatRequest.builder().model("bedrock:anthropic.claude-3-haiku-20240307-v1:0").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at least one message");
    }
}
