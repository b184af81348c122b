package io.quarkiverse.bedrock.runtime.family;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.transport.StreamErrors;

/**
 * Turns the events of one ConverseStream answer into {@link Chunk}s. One instance per stream; not thread-safe.
 */
public final class ConverseStreamEvents implements StreamEvents {

    private final ObjectMapper json;
    private final String requestId;
    private final String api;
    private final ToolCallAssembler toolCalls;
    private final EventJson payloads;
    /** Opens a payload in place, where the decoder found it: made once per stream. */
    private final EventStreamMessage.PayloadReader<JsonParser> opener;
    private boolean stopped;

    /**
     * @param json the mapper used to read event payloads
     * @param requestId the AWS request id of the stream, may be null
     * @param api the API name reported in the metadata chunk
     */
    public ConverseStreamEvents(ObjectMapper json, String requestId, String api) {
        this.json = json;
        this.toolCalls = new ToolCallAssembler(json);
        this.payloads = new EventJson(json);
        this.opener = payloads::open;
        this.requestId = requestId;
        this.api = api;
    }

    /**
     * @param message the next message of the stream
     * @param out receives the chunks it yields
     * @throws BedrockServiceException when the message is an exception or error
     */
    @Override
    public void accept(EventStreamMessage message, Consumer<Chunk> out) {
        if (!"event".equals(message.messageType())) {
            throw StreamErrors.fromMessage(message, requestId);
        }
        String type = message.eventType();
        if (type == null) {
            return;
        }
        if ("contentBlockDelta".equals(type)) {
            onBlockDelta(message, out);
            return;
        }
        JsonNode event = read(message);
        switch (type) {
            case "contentBlockStart" -> onBlockStart(event, out);
            case "contentBlockStop" -> onBlockStop(event, out);
            case "messageStop" -> {
                stopped = true;
                out.accept(new Chunk.Stop(StopReason.fromWire(event.path("stopReason").asText(null))));
            }
            case "metadata" -> {
                if (event.has("usage")) {
                    out.accept(new Chunk.UsageChunk(ConverseFormatter.usage(event.path("usage"))));
                }
                io.quarkiverse.bedrock.api.guardrail.GuardrailTrace trace = io.quarkiverse.bedrock.runtime.guardrail.TraceReader
                        .read(event.path("trace").path("guardrail"));
                if (trace != null) {
                    out.accept(new Chunk.GuardrailChunk(trace));
                }
                out.accept(new Chunk.Metadata(event.path("metrics").path("latencyMs").asLong(-1), requestId, api));
            }
            default -> {
                // messageStart and events newer than this client carry nothing to emit
            }
        }
    }

    /**
     * Called when the stream has ended normally.
     *
     * @throws StreamInterruptedException when no stop event was received
     */
    @Override
    public void finish() {
        payloads.release();
        if (!stopped) {
            throw new StreamInterruptedException("The stream ended before its messageStop event"
                    + (requestId == null ? "" : " (request id " + requestId + ")") + ": the answer is incomplete");
        }
    }

    private void onBlockStart(JsonNode event, Consumer<Chunk> out) {
        JsonNode toolUse = event.path("start").path("toolUse");
        if (toolUse.isObject()) {
            int index = event.path("contentBlockIndex").asInt();
            toolCalls.start(index, toolUse.path("toolUseId").asText(), toolUse.path("name").asText(), out);
        }
    }

    /**
     * A delta, the event of almost every frame: read as tokens, so that a text delta costs its text and its chunk; any
     * other kind of delta is read as a tree and handled by {@link #onOtherDelta}.
     */
    private void onBlockDelta(EventStreamMessage message, Consumer<Chunk> out) {
        int index = 0;
        String text = null;
        ObjectNode other = null;
        try {
            JsonParser p = message.readPayload(opener);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("contentBlockIndex".equals(field)) {
                    index = p.getValueAsInt();
                } else if ("delta".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String kind = p.currentName();
                        if (p.nextToken() == JsonToken.VALUE_STRING && "text".equals(kind)) {
                            text = p.getText();
                        } else {
                            other = other == null ? json.createObjectNode() : other;
                            other.set(kind, payloads.tree());
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            payloads.close();
        } catch (IOException e) {
            throw malformed(message, e);
        }
        if (text != null) {
            out.accept(new Chunk.TextDelta(text));
        } else if (other != null) {
            onOtherDelta(index, other, out);
        }
    }

    /** A delta that is not text: one case per kind of delta Bedrock sends, in the order they are tried. */
    private void onOtherDelta(int index, JsonNode delta, Consumer<Chunk> out) {
        if (delta.path("toolUse").isObject()) {
            toolCalls.append(index, delta.path("toolUse").path("input").asText(""), out);
        } else if (delta.path("reasoningContent").isObject()) {
            JsonNode r = delta.path("reasoningContent");
            out.accept(new Chunk.ThinkingDelta(r.path("text").asText(null), r.path("signature").asText(null),
                    r.path("redactedContent").asText(null)));
        } else if (delta.has("citation")) {
            out.accept(new Chunk.Citation(delta.path("citation")));
        }
    }

    private void onBlockStop(JsonNode event, Consumer<Chunk> out) {
        toolCalls.stop(event.path("contentBlockIndex").asInt(), requestId, out);
    }

    /** Reads a rare event (start, stop, metadata) whole, as a tree. */
    private JsonNode read(EventStreamMessage message) {
        if (message.payloadLength() == 0) {
            return MissingNode.getInstance();
        }
        try {
            message.readPayload(opener);
            JsonNode event = payloads.tree();
            payloads.close();
            return event;
        } catch (IOException e) {
            throw malformed(message, e);
        }
    }

    private BedrockServiceException malformed(EventStreamMessage message, IOException e) {
        return new BedrockServiceException(200, "MalformedEvent", "A " + message.eventType()
                + " event is not valid JSON: " + e.getMessage(), requestId);
    }

}
