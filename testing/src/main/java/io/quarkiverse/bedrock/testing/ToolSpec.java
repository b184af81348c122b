package io.quarkiverse.bedrock.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool offered in a request.
 *
 * @param name the tool name
 * @param schema its JSON schema, possibly an empty object
 */
record ToolSpec(String name, JsonNode schema) {
}
