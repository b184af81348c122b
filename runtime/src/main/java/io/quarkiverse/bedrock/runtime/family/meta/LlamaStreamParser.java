package io.quarkiverse.bedrock.runtime.family.meta;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * Reads Llama's streamed chunks ({@code generation}, the token counts, {@code stop_reason}); the last one also carries
 * the invocation metrics, whose counts make the usage. A chunk without a stop reason, nearly every chunk, is read as
 * tokens; the last one as a tree. One instance per stream; not thread-safe.
 */
final class LlamaStreamParser implements ModelFamily.StreamParser {

    private static final String METRICS = "amazon-bedrock-invocationMetrics";

    private boolean stopped;
    private int promptTokens;
    private int generationTokens;

    @Override
    public void accept(ModelFamily.ChunkJson chunk, Consumer<Chunk> out) throws IOException {
        if (!generationAsTokens(chunk.tokens(), out)) {
            accept(chunk.tree(), out);
        }
    }

    /**
     * Reads a chunk without a stop reason as tokens, its fields in any order, and emits its text.
     *
     * @return false, having emitted nothing, for a chunk with a stop reason or a value of an unexpected kind, which the
     *         caller then reads as a tree (the parser is left partway)
     */
    private boolean generationAsTokens(JsonParser p, Consumer<Chunk> out) throws IOException {
        String text = "";
        int prompt = promptTokens;
        int generation = generationTokens;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "generation" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        text = p.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                case "prompt_token_count", "generation_token_count" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        if (field.equals("prompt_token_count")) {
                            prompt = p.getIntValue();
                        } else {
                            generation = p.getIntValue();
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                case "stop_reason" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (end != JsonToken.END_OBJECT) {
            // cut short: the loop ended on NOT_AVAILABLE, never the current token; the tree reading reports it
            return false;
        }
        promptTokens = prompt;
        generationTokens = generation;
        if (!text.isEmpty()) {
            out.accept(new Chunk.TextDelta(text));
        }
        return true;
    }

    @Override
    public void accept(JsonNode chunk, Consumer<Chunk> out) {
        String text = chunk.path("generation").asText("");
        if (!text.isEmpty()) {
            out.accept(new Chunk.TextDelta(text));
        }
        if (chunk.path("prompt_token_count").isNumber()) {
            promptTokens = chunk.path("prompt_token_count").asInt();
        }
        if (chunk.path("generation_token_count").isNumber()) {
            generationTokens = chunk.path("generation_token_count").asInt();
        }
        String reason = chunk.path("stop_reason").asText(null);
        if (reason != null && !stopped) {
            stopped = true;
            out.accept(new Chunk.Stop(LlamaFamily.stopReason(reason)));
            JsonNode metrics = chunk.path(METRICS);
            int input = metrics.path("inputTokenCount").asInt(promptTokens);
            int output = metrics.path("outputTokenCount").asInt(generationTokens);
            out.accept(new Chunk.UsageChunk(new Usage(input, output, input + output, 0, 0)));
        }
    }

    @Override
    public boolean stopped() {
        return stopped;
    }
}
