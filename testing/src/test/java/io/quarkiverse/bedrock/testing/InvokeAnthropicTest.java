package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;

class InvokeAnthropicTest extends EmulatorPerClass {

    static final String MODEL = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";

    static List<JsonNode> chunks(byte[] body) {
        List<JsonNode> out = new ArrayList<>();
        for (EventStreamMessage m : SignedClient.frames(body)) {
            assertThat(m.eventType()).isEqualTo("chunk");
            JsonNode p = SignedClient.payload(m);
            assertThat(p.get("p").asText()).isNotEmpty();
            try {
                out.add(SignedClient.JSON.readTree(Base64.getDecoder().decode(p.get("bytes").asText())));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @Test
    void invokeAnswersAMessagesApiBody() {
        emulator.enqueue(Reply.text("Once upon a time."));
        HttpResponse<byte[]> r = client.send(MODEL, "invoke", BODY);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SignedClient.json(r);
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Once upon a time.");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(4);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(4);
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Input-Token-Count")).hasValue("4");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Output-Token-Count")).hasValue("4");
    }

    @Test
    void missingAnthropicVersionIsRejected() {
        HttpResponse<byte[]> r = client.send(MODEL, "invoke", "{\"max_tokens\":10,\"messages\":[]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SignedClient.json(r).get("message").asText()).contains("anthropic_version");
    }

    @Test
    void invokeStreamSendsAnthropicEventsInChunks() {
        emulator.configure(o -> o.withTokens(3));
        HttpResponse<byte[]> r = client.send(MODEL, "invoke-with-response-stream", BODY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Content-Type")).hasValue("application/json");
        List<JsonNode> chunks = chunks(r.body());
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode c : chunks) {
            types.add(c.get("type").asText());
            if (c.get("type").asText().equals("content_block_delta")) {
                text.append(c.at("/delta/text").asText());
            }
        }
        assertThat(types).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/amazon-bedrock-invocationMetrics/outputTokenCount").asInt()).isEqualTo(3);
        assertThat(last.at("/amazon-bedrock-invocationMetrics/inputTokenCount").asInt()).isEqualTo(4);
        assertThat(chunks.get(chunks.size() - 2).at("/usage/output_tokens").asInt()).isEqualTo(Tokens.count(text.toString()));
    }
}
