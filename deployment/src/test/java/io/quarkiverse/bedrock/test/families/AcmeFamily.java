package io.quarkiverse.bedrock.test.families;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.spi.NativeFormatter;

/** A formatter that another extension would contribute, for the family {@code acme}. */
public class ContributedFormatter implements NativeFormatter {

    @Override
    public String family() {
        return "acme";
    }

    @Override
    public ObjectNode requestBody(ChatRequest request, ObjectMapper json) {
        return json.createObjectNode().put("prompt", "unused");
    }

    @Override
    public ChatResponse response(JsonNode body, String modelId, String requestId) {
        throw new UnsupportedOperationException("not called by the registration test");
    }

    @Override
    public StreamParser streamParser(ObjectMapper json) {
        return new StreamParser() {
            @Override
            public void accept(JsonNode chunk, Consumer<Chunk> out) {
            }

            @Override
            public boolean stopped() {
                return true;
            }
        };
    }
}
