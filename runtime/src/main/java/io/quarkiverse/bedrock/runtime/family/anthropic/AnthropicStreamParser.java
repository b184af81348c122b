package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.runtime.family.JsonTokens;
import io.quarkiverse.bedrock.runtime.family.ToolCallAssembler;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * Turns the Anthropic streaming events of one answer ({@code message_start}, {@code content_block_*},
 * {@code message_delta}, {@code message_stop}) into chunks. Tool arguments are joined per block index and parsed once
 * at the block's stop. Usage combines the input counts of {@code message_start} with the output count of
 * {@code message_delta}, and is emitted at {@code message_stop}. Text and thinking deltas, nearly every event of a
 * stream, are read as tokens; the other events as trees. One instance per stream; not thread-safe.
 */
final class AnthropicStreamParser implements ModelFamily.StreamParser {

    private final ObjectMapper json;
    private final ToolCallAssembler toolCalls;
    private ObjectNode usage;
    private boolean stopped;

    AnthropicStreamParser(ObjectMapper json) {
        this.json = json;
        this.toolCalls = new ToolCallAssembler(json);
        this.usage = json.createObjectNode();
    }

    @Override
    public void accept(ModelFamily.ChunkJson event, Consumer<Chunk> out) throws IOException {
        Chunk delta = textOrThinkingDelta(event.tokens());
        if (delta != null) {
            out.accept(delta);
        } else {
            accept(event.tree(), out);
        }
    }

    /**
     * Reads a {@code content_block_delta} of text or thinking as tokens, its fields in any order. Fields the tree
     * reading ignores for such a delta are skipped.
     *
     * @param p the parser, on the event's opening brace
     * @return the delta's chunk; null for any other event or kind of delta, or a value of an unexpected kind, which the
     *         caller then reads as a tree (the parser is left partway)
     */
    private static Chunk textOrThinkingDelta(JsonParser p) throws IOException {
        boolean blockDelta = false;
        Chunk delta = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("type".equals(field)) {
                if (!JsonTokens.stringIs(p, "content_block_delta")) {
                    return null;
                }
                blockDelta = true;
            } else if ("delta".equals(field)) {
                delta = value == JsonToken.START_OBJECT ? innerDelta(p) : null;
                if (delta == null) {
                    return null;
                }
            } else {
                p.skipChildren();
            }
        }
        // cut short: the loop ended on NOT_AVAILABLE, never the current token; the tree reading reports it
        return blockDelta && end == JsonToken.END_OBJECT ? delta : null;
    }

    /** The {@code delta} object of a text or thinking delta, else null; the parser is on its opening brace. */
    private static Chunk innerDelta(JsonParser p) throws IOException {
        boolean text = false;
        boolean thinking = false;
        String textValue = null;
        String thinkingValue = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> {
                    text = JsonTokens.stringIs(p, "text_delta");
                    thinking = JsonTokens.stringIs(p, "thinking_delta");
                    if (!text && !thinking) {
                        return null;
                    }
                }
                case "text", "thinking" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    if (field.equals("text")) {
                        textValue = p.getText();
                    } else {
                        thinkingValue = p.getText();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        if (text) {
            return new Chunk.TextDelta(textValue == null ? "" : textValue);
        }
        return thinking ? new Chunk.ThinkingDelta(thinkingValue == null ? "" : thinkingValue, null, null) : null;
    }

    @Override
    public void accept(JsonNode event, Consumer<Chunk> out) {
        switch (event.path("type").asText("")) {
            case "message_start" -> mergeUsage(event.path("message").path("usage"));
            case "content_block_start" -> onBlockStart(event, out);
            case "content_block_delta" -> onBlockDelta(event, out);
            case "content_block_stop" -> onBlockStop(event, out);
            case "message_delta" -> {
                mergeUsage(event.path("usage"));
                String reason = event.path("delta").path("stop_reason").asText(null);
                if (reason != null) {
                    stopped = true;
                    out.accept(new Chunk.Stop(StopReason.fromWire(reason)));
                }
            }
            case "message_stop" -> out.accept(new Chunk.UsageChunk(AnthropicResponses.usage(usage)));
            case "error" -> throw new BedrockServiceException(200, event.path("error").path("type").asText("error"),
                    "The model reported an error while streaming: " + event.path("error").path("message").asText(""),
                    null);
            default -> {
                // ping and event types newer than this client carry nothing to emit
            }
        }
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    private void mergeUsage(JsonNode part) {
        if (part.isObject()) {
            part.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    usage.set(e.getKey(), e.getValue());
                }
            });
        }
    }

    private void onBlockStart(JsonNode event, Consumer<Chunk> out) {
        int index = event.path("index").asInt();
        JsonNode block = event.path("content_block");
        switch (block.path("type").asText("")) {
            case "tool_use" -> {
                toolCalls.start(index, block.path("id").asText(), block.path("name").asText(), out);
            }
            case "redacted_thinking" -> out.accept(new Chunk.ThinkingDelta(null, null, block.path("data").asText()));
            case "text" -> {
                String text = block.path("text").asText("");
                if (!text.isEmpty()) {
                    out.accept(new Chunk.TextDelta(text));
                }
            }
            case "thinking" -> {
                String text = block.path("thinking").asText("");
                if (!text.isEmpty()) {
                    out.accept(new Chunk.ThinkingDelta(text, null, null));
                }
            }
            default -> {
            }
        }
    }

    private void onBlockDelta(JsonNode event, Consumer<Chunk> out) {
        int index = event.path("index").asInt();
        JsonNode delta = event.path("delta");
        switch (delta.path("type").asText("")) {
            case "text_delta" -> out.accept(new Chunk.TextDelta(delta.path("text").asText("")));
            case "input_json_delta" -> {
                toolCalls.append(index, delta.path("partial_json").asText(""), out);
            }
            case "thinking_delta" -> out.accept(new Chunk.ThinkingDelta(delta.path("thinking").asText(""), null, null));
            case "signature_delta" -> out.accept(new Chunk.ThinkingDelta(null, delta.path("signature").asText(), null));
            case "citations_delta" -> out.accept(new Chunk.Citation(delta.path("citation")));
            default -> {
            }
        }
    }

    private void onBlockStop(JsonNode event, Consumer<Chunk> out) {
        toolCalls.stop(event.path("index").asInt(), null, out);
    }

}
