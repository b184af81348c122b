package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;

class ConverseTest extends EmulatorPerClass {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @Test
    void converseAnswersWithGeneratedTextAndConsistentUsage() {
        HttpResponse<byte[]> r = client.send(MODEL, "converse", SignedClient.converseBody("Say hello in five words"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = SignedClient.json(r);
        String text = body.at("/output/message/content/0/text").asText();
        assertThat(body.at("/output/message/role").asText()).isEqualTo("assistant");
        assertThat(Tokens.count(text)).isEqualTo(12);
        assertThat(body.at("/usage/outputTokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/inputTokens").asInt()).isEqualTo(5);
        assertThat(body.at("/usage/totalTokens").asInt()).isEqualTo(17);
        assertThat(body.at("/stopReason").asText()).isEqualTo("end_turn");
        // deterministic: same prompt, same text
        JsonNode again = SignedClient
                .json(client.send(MODEL, "converse", SignedClient.converseBody("Say hello in five words")));
        assertThat(again.at("/output/message/content/0/text").asText()).isEqualTo(text);
        assertThat(emulator.lastRequest().modelId()).isEqualTo(MODEL);
        assertThat(emulator.lastRequest().rawPath()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    }

    @Test
    void maxTokensCapsTheAnswer() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}],\"inferenceConfig\":{\"maxTokens\":3}}";
        JsonNode json = SignedClient.json(client.send(MODEL, "converse", body));
        assertThat(json.at("/usage/outputTokens").asInt()).isEqualTo(3);
        assertThat(json.at("/stopReason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void scriptedTextIsAnsweredVerbatim() {
        emulator.enqueue(Reply.text("Hello there, tester!"), Reply.text("Second."));
        JsonNode first = SignedClient.json(client.send(MODEL, "converse", SignedClient.converseBody("x")));
        JsonNode second = SignedClient.json(client.send(MODEL, "converse", SignedClient.converseBody("x")));
        assertThat(first.at("/output/message/content/0/text").asText()).isEqualTo("Hello there, tester!");
        assertThat(first.at("/usage/outputTokens").asInt()).isEqualTo(3);
        assertThat(second.at("/output/message/content/0/text").asText()).isEqualTo("Second.");
        assertThat(emulator.pendingReplies()).isZero();
    }

    @Test
    void converseStreamSendsOneFramePerTokenWithPadding() {
        emulator.configure(o -> o.withTokens(5));
        HttpResponse<byte[]> r = client.send(MODEL, "converse-stream", SignedClient.converseBody("stream please"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
        List<EventStreamMessage> frames = SignedClient.frames(r.body());
        List<String> types = new ArrayList<>();
        frames.forEach(f -> types.add(f.eventType()));
        assertThat(types).containsExactly("messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta",
                "contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
        StringBuilder text = new StringBuilder();
        for (EventStreamMessage f : frames) {
            JsonNode p = SignedClient.payload(f);
            assertThat(f.messageType()).isEqualTo("event");
            assertThat(f.contentType()).isEqualTo("application/json");
            assertThat(p.get("p").asText()).matches("[a-zA-Z0-9]+");
            if (f.eventType().equals("contentBlockDelta")) {
                text.append(p.at("/delta/text").asText());
            }
        }
        JsonNode meta = SignedClient.payload(frames.get(frames.size() - 1));
        assertThat(meta.at("/usage/outputTokens").asInt()).isEqualTo(Tokens.count(text.toString())).isEqualTo(5);
        assertThat(SignedClient.payload(frames.get(frames.size() - 2)).get("stopReason").asText()).isEqualTo("end_turn");
    }

    @Test
    void countTokensMatchesConverseInputTokens() {
        String converse = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"one two three four\"}]}],"
                + "\"system\":[{\"text\":\"be brief\"}]}";
        JsonNode count = SignedClient.json(client.send(MODEL, "count-tokens", "{\"input\":{\"converse\":" + converse + "}}"));
        JsonNode answer = SignedClient.json(client.send(MODEL, "converse", converse));
        assertThat(count.get("inputTokens").asInt()).isEqualTo(6).isEqualTo(answer.at("/usage/inputTokens").asInt());
    }

    @Test
    void malformedBodyIsAValidationException() {
        HttpResponse<byte[]> r = client.send(MODEL, "converse", "{not json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).get().asString().startsWith("ValidationException:");
        assertThat(SignedClient.json(r).get("message").asText()).startsWith("Malformed input request");
        HttpResponse<byte[]> noMessages = client.send(MODEL, "converse", "{}");
        assertThat(noMessages.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathIs404() {
        HttpResponse<byte[]> r = client.send(MODEL, "converse-foo", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).get().asString().startsWith("UnknownOperationException");
    }
}
