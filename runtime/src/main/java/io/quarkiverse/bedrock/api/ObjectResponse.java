package io.quarkiverse.bedrock.api;

/**
 * A structured answer: the value the model produced, validated against the schema and mapped to the requested type.
 *
 * @param <T> the type of the value ({@link com.fasterxml.jackson.databind.JsonNode} for a schema given as JSON)
 * @param object the value
 * @param response the whole exchange (the forced tool call, usage, stop reason, request id)
 */
public record ObjectResponse<T>(T object, ChatResponse response) {
}
