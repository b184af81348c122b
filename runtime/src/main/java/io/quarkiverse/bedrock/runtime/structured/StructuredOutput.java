package io.quarkiverse.bedrock.runtime.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.JsonSchemas;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.error.SchemaMismatchException;
import io.quarkiverse.bedrock.runtime.catalog.ModelCapabilities;
import io.quarkiverse.bedrock.runtime.catalog.ModelCatalog;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;

/**
 * Structured output, by one of two methods. Natively, for the models whose {@link ModelCatalog catalogue} entry says
 * {@code structuredOutput}: Converse's {@code outputConfig.textFormat} carries the schema and the answer's text is the
 * JSON. Otherwise through a forced tool call: the schema becomes the input schema of one tool,
 * {@code structured_output}, that the model is made to call; its arguments are the answer. Either way the answer is
 * validated against the schema.
 * <p>
 * On Converse only some families accept a named tool choice (Anthropic, Amazon Nova, Mistral); for the others the tool
 * is offered alone and not forced, as Bedrock would reject the choice.
 */
public final class StructuredOutput {

    /** The name of the tool that carries the answer. */
    public static final String TOOL = "structured_output";
    private static final String DESCRIPTION = "Generate structured output matching the provided schema";
    private static final Set<String> CONVERSE_NAMED_TOOL_CHOICE = Set.of("anthropic", "amazon", "mistral");
    private static final ObjectMapper TEXT_JSON = new ObjectMapper();

    private StructuredOutput() {
    }

    /**
     * How one structured request is sent.
     *
     * @param request the request as sent
     * @param nativeFormat true when it carries the schema as {@code outputConfig.textFormat} (the answer is the text),
     *        false when it forces the {@value #TOOL} tool (the answer is the tool's input)
     */
    public record Plan(ChatRequest request, boolean nativeFormat) {
    }

    /**
     * @param request the user's request
     * @param schema the JSON Schema of the answer, an object schema
     * @param router the router, to know whether the request will go to Converse
     * @param catalog the model catalogue, which says which models take {@code outputConfig.textFormat}
     * @return the native request when the model takes it and the caller did not ask for the native API
     *         ({@code use_converse=false}), else the forced-tool request
     * @throws InvalidRequestException when the schema is not an object schema or the request already has tools
     */
    public static Plan plan(ChatRequest request, JsonNode schema, ApiRouter router, ModelCatalog catalog) {
        boolean nativeFormat = request.options().useConverse().orElse(true)
                && catalog.find(request.modelId().value()).map(ModelCapabilities::structuredOutput).orElse(false);
        if (!nativeFormat) {
            return new Plan(forcedRequest(request, schema, router), false);
        }
        checkSchemaAndTools(request, schema);
        return new Plan(request.toBuilder()
                .options(request.options().toBuilder().outputSchema(schema).build()).build(), true);
    }

    /**
     * @param request the user's request
     * @param schema the JSON Schema of the answer, an object schema
     * @param router the router, to know whether the request will go to Converse
     * @return the request with the forced tool
     * @throws InvalidRequestException when the schema is not an object schema or the request already has tools
     */
    public static ChatRequest forcedRequest(ChatRequest request, JsonNode schema, ApiRouter router) {
        checkSchemaAndTools(request, schema);
        ChatRequest withTool = request.toBuilder().tool(new Tool(TOOL, DESCRIPTION, schema)).build();
        ApiRouter.Route route = router.route(withTool);
        boolean forceable = !route.converse()
                || route.model().family().map(CONVERSE_NAMED_TOOL_CHOICE::contains).orElse(false);
        return forceable ? withTool.toBuilder().toolChoice(ToolChoice.tool(TOOL)).build() : withTool;
    }

    private static void checkSchemaAndTools(ChatRequest request, JsonNode schema) {
        if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asText("object"))) {
            throw new InvalidRequestException("The structured output schema must be a JSON Schema object with"
                    + " \"type\": \"object\" (wrap other values in an object property)");
        }
        if (!request.tools().isEmpty()) {
            throw new InvalidRequestException("Structured output uses its own tool: remove the request's tools ("
                    + request.tools().size() + " offered)");
        }
    }

    /**
     * @param type the application's answer type
     * @return its JSON Schema, from {@link JsonSchemas}
     * @throws InvalidRequestException when the type is not an object type (a record or a class with fields)
     */
    public static ObjectNode schema(Class<?> type) {
        ObjectNode schema = JsonSchemas.of(type);
        if (!"object".equals(schema.path("type").asText())) {
            throw new InvalidRequestException("Structured output needs a record or class with fields, not " + type.getName()
                    + ": wrap the value in a record");
        }
        return schema;
    }

    /**
     * @param response the answer to a request planned by {@link #plan}
     * @param schema the schema
     * @param nativeFormat whether the request carried the schema as {@code outputConfig.textFormat}
     * @return the validated value: the answer's text parsed as JSON (native), or the tool call's input
     * @throws SchemaMismatchException when the answer holds no such value or it does not match the schema
     */
    public static JsonNode value(ChatResponse response, JsonNode schema, boolean nativeFormat) {
        return validated(nativeFormat ? textValue(response) : toolInput(response), schema);
    }

    private static JsonNode textValue(ChatResponse response) {
        String text = response.text();
        try {
            JsonNode value = TEXT_JSON.readTree(text);
            if (value == null || value.isMissingNode()) {
                throw new SchemaMismatchException(List.of("/: the model answered without any JSON text"), text);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new SchemaMismatchException(List.of("/: the answer's text is not JSON: "
                    + e.getOriginalMessage()), text);
        }
    }

    private static JsonNode validated(JsonNode value, JsonNode schema) {
        List<String> violations = SchemaValidator.validate(schema, value);
        if (!violations.isEmpty()) {
            throw new SchemaMismatchException(violations, value.toString());
        }
        return value;
    }

    private static JsonNode toolInput(ChatResponse response) {
        return response.toolCalls().stream().filter(c -> c.name().equals(TOOL)).map(ContentBlock.ToolUse::input)
                .findFirst().orElseThrow(() -> new SchemaMismatchException(
                        List.of("/: the model answered without calling the " + TOOL + " tool"), response.text()));
    }

    /**
     * @param value a validated value
     * @param type the target type
     * @param mapper the mapper
     * @param <T> the type
     * @return the value mapped to the type
     * @throws SchemaMismatchException when Jackson cannot map it
     */
    public static <T> T map(JsonNode value, Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(value, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SchemaMismatchException(List.of("/: cannot be mapped to " + type.getName() + ": "
                    + e.getMessage()), value.toString());
        }
    }

    /**
     * Follows one streamed answer: turns tool argument fragments into growing partial JSON, and builds the final value
     * once the stream has ended. Not thread-safe: one instance per stream.
     *
     * @param <T> the type of the final value
     */
    public static final class Stream<T> {
        private final JsonNode schema;
        private final boolean nativeFormat;
        private final Function<JsonNode, T> mapping;
        private final ChatResponseAssembler assembler;
        private final StringBuilder json = new StringBuilder();
        private final List<Integer> toolIndexes = new ArrayList<>();

        /**
         * @param schema the schema
         * @param nativeFormat whether the answer is the text ({@code outputConfig.textFormat}) rather than the tool input
         * @param mapping maps the validated value to the result type
         * @param modelId the model id, for the assembled response
         */
        public Stream(JsonNode schema, boolean nativeFormat, Function<JsonNode, T> mapping, String modelId) {
            this.schema = schema;
            this.nativeFormat = nativeFormat;
            this.mapping = mapping;
            this.assembler = new ChatResponseAssembler(modelId);
        }

        /** @param chunk the next chunk @return the partial it yields, if any */
        public List<ObjectChunk<T>> accept(Chunk chunk) {
            assembler.accept(chunk);
            if (nativeFormat) {
                if (chunk instanceof Chunk.TextDelta text && !text.text().isEmpty()) {
                    json.append(text.text());
                    return List.of(new ObjectChunk.Partial<>(json.toString()));
                }
                return List.of();
            }
            if (chunk instanceof Chunk.ToolCallStart start && start.name().equals(TOOL)) {
                toolIndexes.add(start.index());
            } else if (chunk instanceof Chunk.ToolCallDelta delta && toolIndexes.contains(delta.index())
                    && !delta.partialJson().isEmpty()) {
                json.append(delta.partialJson());
                return List.of(new ObjectChunk.Partial<>(json.toString()));
            }
            return List.of();
        }

        /** @return the final value @throws SchemaMismatchException when it does not match */
        public ObjectChunk<T> complete() {
            ChatResponse response = assembler.response();
            return new ObjectChunk.Complete<>(mapping.apply(value(response, schema, nativeFormat)), response);
        }
    }
}
