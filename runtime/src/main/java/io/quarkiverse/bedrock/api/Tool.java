package io.quarkiverse.bedrock.api;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * A tool the model may call.
 *
 * @param name the tool's name (letters, digits, {@code _} and {@code -}, at most 64 characters)
 * @param description what the tool does, for the model
 * @param inputSchema the JSON Schema of the tool's arguments (an object schema)
 * @param strict asks Bedrock to make the model's arguments follow the schema exactly (Converse {@code strict}; on
 *        models that support it)
 */
public record Tool(String name, String description, JsonNode inputSchema, boolean strict) {

    /**
     * A tool without strict schema adherence.
     *
     * @param name the tool's name
     * @param description what the tool does
     * @param inputSchema the JSON Schema of the arguments
     */
    public Tool(String name, String description, JsonNode inputSchema) {
        this(name, description, inputSchema, false);
    }

    /** @return this tool with strict schema adherence */
    public Tool strictly() {
        return new Tool(name, description, inputSchema, true);
    }

    /** Checks the name and schema. */
    public Tool {
        if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new InvalidRequestException("Tool name '" + name
                    + "' is not valid: use 1 to 64 letters, digits, '_' or '-'");
        }
        if (inputSchema == null || !inputSchema.isObject()) {
            throw new InvalidRequestException("Tool '" + name + "' needs a JSON Schema object as its input schema");
        }
    }
}
