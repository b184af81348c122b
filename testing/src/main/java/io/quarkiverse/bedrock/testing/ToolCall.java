package io.quarkiverse.bedrock.testing;

import java.util.Objects;

/**
 * A tool call the emulated model makes.
 *
 * @param id the tool use id, or null to let the emulator assign a deterministic one
 * @param name the tool name
 * @param inputJson the arguments, a JSON object as text
 */
public record ToolCall(String id, String name, String inputJson) {

    /** Checks the name and arguments. */
    public ToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputJson, "inputJson");
        if (!inputJson.trim().startsWith("{")) {
            throw new IllegalArgumentException("Tool call arguments must be a JSON object, got: " + inputJson);
        }
    }

    /**
     * @param name the tool name
     * @param inputJson the arguments, a JSON object as text, e.g. <code>{"city":"Paris"}</code>
     * @return a call whose id the emulator assigns
     */
    public static ToolCall of(String name, String inputJson) {
        return new ToolCall(null, name, inputJson);
    }

    /** @param newId the tool use id @return this call with that id */
    public ToolCall withId(String newId) {
        return new ToolCall(newId, name, inputJson);
    }
}
