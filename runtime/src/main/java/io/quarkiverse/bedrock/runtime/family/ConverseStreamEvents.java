package io.quarkiverse.bedrock.runtime.family;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.api.guardrail.GuardrailTrace;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.guardrail.TraceReader;
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
        switch (type) {
            case "contentBlockStart" -> onBlockStart(read(message), out);
            case "contentBlockStop" -> onBlockStop(message, out);
            case "messageStop" -> onMessageStop(message, out);
            case "metadata" -> onMetadata(message, out);
            // messageStart and events newer than this client carry nothing to emit, but must be valid JSON
            default -> skip(message);
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

    /*
     * The events of every stream besides its deltas (a block's stop, the message's stop, the metadata) are read as
     * tokens, the parts a chunk takes whole (usage, a guardrail trace) as trees: a tree per event cost about 2.5 KB per
     * stream. A value of an unexpected JSON type is read as a tree, so that it converts as it did when the whole event
     * was one.
     */

    private void onBlockStop(EventStreamMessage message, Consumer<Chunk> out) {
        int index = 0;
        try {
            JsonParser p = openRare(message);
            if (p != null) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("contentBlockIndex".equals(field)) {
                        index = intValue(p);
                    } else {
                        p.skipChildren();
                    }
                }
                payloads.close();
            }
        } catch (IOException e) {
            throw malformed(message, e);
        }
        toolCalls.stop(index, requestId, out);
    }

    private void onMessageStop(EventStreamMessage message, Consumer<Chunk> out) {
        String reason = null;
        try {
            JsonParser p = openRare(message);
            if (p != null) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("stopReason".equals(field)) {
                        reason = value == JsonToken.VALUE_STRING ? p.getText() : textOf(payloads.tree());
                    } else {
                        p.skipChildren();
                    }
                }
                payloads.close();
            }
        } catch (IOException e) {
            throw malformed(message, e);
        }
        stopped = true;
        out.accept(new Chunk.Stop(StopReason.fromWire(reason)));
    }

    private void onMetadata(EventStreamMessage message, Consumer<Chunk> out) {
        JsonNode usage = null;
        JsonNode guardrail = MissingNode.getInstance();
        long latencyMs = -1;
        try {
            JsonParser p = openRare(message);
            if (p != null) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("usage".equals(field)) {
                        usage = orNull(payloads.tree());
                    } else if ("metrics".equals(field)) {
                        latencyMs = -1;
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String metric = p.currentName();
                                JsonToken v = p.nextToken();
                                if ("latencyMs".equals(metric)) {
                                    latencyMs = v == JsonToken.VALUE_NUMBER_INT
                                            && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? p.getLongValue()
                                                    : orNull(payloads.tree()).asLong(-1);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    } else if ("trace".equals(field)) {
                        guardrail = MissingNode.getInstance();
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String part = p.currentName();
                                p.nextToken();
                                if ("guardrail".equals(part)) {
                                    guardrail = orNull(payloads.tree());
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                payloads.close();
            }
        } catch (IOException e) {
            throw malformed(message, e);
        }
        if (usage != null) {
            out.accept(new Chunk.UsageChunk(ConverseFormatter.usage(usage)));
        }
        GuardrailTrace trace = TraceReader.read(guardrail);
        if (trace != null) {
            out.accept(new Chunk.GuardrailChunk(trace));
        }
        out.accept(new Chunk.Metadata(latencyMs, requestId, api));
    }

    /** An event with nothing to emit: checked to be a JSON object, as every event is, without building anything. */
    private void skip(EventStreamMessage message) {
        try {
            JsonParser p = openRare(message);
            if (p != null) {
                p.skipChildren();
                payloads.close();
            }
        } catch (IOException e) {
            throw malformed(message, e);
        }
    }

    /** @return the parser on the payload's object, or null for an empty payload (read as an empty object) */
    private JsonParser openRare(EventStreamMessage message) throws IOException {
        return message.payloadLength() == 0 ? null : message.readPayload(opener);
    }

    /** @return the int value the parser is on, converted as {@link JsonNode#asInt()} converts it */
    private int intValue(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        return orNull(payloads.tree()).asInt();
    }

    /** @return a JSON null read as a tree as Jackson's {@code NullNode}, whichever way the mapper returns it */
    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    /** @return the value as {@link JsonNode#asText(String)} with a null default */
    private static String textOf(JsonNode node) {
        return node == null ? null : node.asText(null);
    }

    /** Reads a rare event (a block's start) whole, as a tree. */
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
