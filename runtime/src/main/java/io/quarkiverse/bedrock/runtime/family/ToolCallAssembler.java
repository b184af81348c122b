package io.quarkiverse.bedrock.runtime.family;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;

/**
 * Assembles the tool calls of one stream whose content blocks are numbered (Converse, Anthropic Messages): a call starts,
 * its JSON arguments arrive in pieces, and the complete call, arguments parsed, is emitted when its block stops.
 * One instance per stream.
 */
public final class ToolCallAssembler {

    private final ObjectMapper json;
    private final Map<Integer, Call> calls = new HashMap<>();

    /** @param json the mapper that parses the assembled arguments */
    public ToolCallAssembler(ObjectMapper json) {
        this.json = json;
    }

    /** A tool call being streamed. */
    private static final class Call {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        Call(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /**
     * @param index the content block index
     * @param id the tool use id
     * @param name the tool name
     * @param out receives the {@link Chunk.ToolCallStart}
     */
    public void start(int index, String id, String name, Consumer<Chunk> out) {
        calls.put(index, new Call(id, name));
        out.accept(new Chunk.ToolCallStart(index, id, name));
    }

    /**
     * @param index the content block index
     * @param partialJson the next characters of the arguments
     * @param out receives the {@link Chunk.ToolCallDelta}
     */
    public void append(int index, String partialJson, Consumer<Chunk> out) {
        calls.computeIfAbsent(index, i -> new Call(null, null)).arguments.append(partialJson);
        out.accept(new Chunk.ToolCallDelta(index, partialJson));
    }

    /**
     * @param index the content block index that stopped
     * @param requestId the AWS request id, for the error, may be null
     * @param out receives the complete {@link Chunk.ToolCall} when the block was a tool call
     * @throws BedrockServiceException when the assembled arguments are not JSON
     */
    public void stop(int index, String requestId, Consumer<Chunk> out) {
        Call call = calls.remove(index);
        if (call == null) {
            return;
        }
        String text = call.arguments.toString();
        JsonNode arguments;
        if (text.isBlank()) {
            arguments = json.createObjectNode();
        } else {
            try {
                arguments = json.readTree(text);
            } catch (IOException e) {
                throw new BedrockServiceException(200, "MalformedToolUse",
                        "The arguments of tool call '" + call.name + "' are not valid JSON: " + e.getMessage(), requestId);
            }
        }
        out.accept(new Chunk.ToolCall(index, call.id, call.name, arguments));
    }
}
