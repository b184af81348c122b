package io.quarkiverse.bedrock.runtime.family;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Citation;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.Usage;

/** Builds Converse request bodies and reads Converse responses; works for every model family. */
public final class ConverseFormatter {

    /** The name given to the answer's schema in {@code outputConfig.textFormat}. */
    public static final String OUTPUT_SCHEMA_NAME = "structured_output";

    private final ObjectMapper json;

    /** @param json the mapper used for bodies */
    public ConverseFormatter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param request the chat request
     * @return the {@code ConverseRequest} body every family shares (the same for {@code converse} and
     *         {@code converse-stream}), before any family's adjustments
     */
    ObjectNode requestBody(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        // only a prompt ARN goes without messages (its stored prompt has them); Bedrock takes no empty list
        ArrayNode messages = json.createArrayNode();
        if (!request.messages().isEmpty()) {
            body.set("messages", messages);
        }
        for (Message message : request.messages()) {
            ObjectNode m = messages.addObject();
            m.put("role", message.role().wireName());
            ArrayNode content = m.putArray("content");
            message.content().forEach(block -> content.add(block(block)));
        }
        if (!request.system().isEmpty()) {
            ArrayNode system = body.putArray("system");
            request.system().forEach(s -> system.addObject().put("text", s));
        }
        ObjectNode inference = json.createObjectNode();
        request.maxTokens().ifPresent(v -> inference.put("maxTokens", v));
        request.temperature().ifPresent(v -> inference.put("temperature", v));
        request.topP().ifPresent(v -> inference.put("topP", v));
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = inference.putArray("stopSequences");
            request.stopSequences().forEach(stops::add);
        }
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }
        if (!request.tools().isEmpty()) {
            body.set("toolConfig", toolConfig(request));
        }
        BedrockOptions options = request.options();
        Map<String, Object> additional = options.additionalModelRequestFields();
        if (!additional.isEmpty()) {
            body.set("additionalModelRequestFields", json.valueToTree(additional));
        }
        if (!options.guardrailConfig().isEmpty()) {
            body.set("guardrailConfig", json.valueToTree(options.guardrailConfig()));
        }
        if (!options.requestMetadata().isEmpty()) {
            body.set("requestMetadata", json.valueToTree(options.requestMetadata()));
        }
        options.latency().ifPresent(l -> body.putObject("performanceConfig").put("latency", l));
        options.serviceTier().ifPresent(t -> body.putObject("serviceTier").put("type", t));
        ObjectNode output = outputConfig(options);
        if (!output.isEmpty()) {
            body.set("outputConfig", output);
        }
        if (!options.promptVariables().isEmpty()) {
            ObjectNode variables = body.putObject("promptVariables");
            options.promptVariables().forEach((name, value) -> variables.putObject(name).put("text", value));
        }
        return body;
    }

    /** The schema travels as JSON text ({@code JsonSchemaDefinition.schema} is a string in the service model). */
    private ObjectNode outputConfig(BedrockOptions options) {
        ObjectNode output = json.createObjectNode();
        options.outputSchema().ifPresent(schema -> {
            ObjectNode format = output.putObject("textFormat").put("type", "json_schema");
            ObjectNode definition = format.putObject("structure").putObject("jsonSchema")
                    .put("schema", schema.toString()).put("name", OUTPUT_SCHEMA_NAME);
            if (schema.path("description").isTextual()) {
                definition.put("description", schema.path("description").asText());
            }
        });
        options.effort().ifPresent(e -> output.put("effort", e));
        return output;
    }

    /**
     * @param request the chat request
     * @param route its route, whose family adds its own fields
     * @return the {@code ConverseRequest} body with the family's adjustments
     */
    public ObjectNode requestBody(ChatRequest request, ApiRouter.Route route) {
        ObjectNode body = requestBody(request);
        route.family().ifPresent(f -> f.adjustConverseRequest(request, body, json));
        return body;
    }

    private ObjectNode toolConfig(ChatRequest request) {
        ObjectNode config = json.createObjectNode();
        ArrayNode tools = config.putArray("tools");
        for (Tool tool : request.tools()) {
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", tool.name());
            if (tool.description() != null) {
                spec.put("description", tool.description());
            }
            spec.putObject("inputSchema").set("json", tool.inputSchema());
            if (tool.strict()) {
                spec.put("strict", true);
            }
        }
        request.toolChoice().ifPresent(choice -> {
            ObjectNode c = config.putObject("toolChoice");
            if (choice instanceof ToolChoice.Auto) {
                c.putObject("auto");
            } else if (choice instanceof ToolChoice.Any) {
                c.putObject("any");
            } else if (choice instanceof ToolChoice.Named named) {
                c.putObject("tool").put("name", named.name());
            }
        });
        return config;
    }

    private ObjectNode block(ContentBlock block) {
        ObjectNode node = json.createObjectNode();
        if (block instanceof ContentBlock.Text t) {
            node.put("text", t.text());
        } else if (block instanceof ContentBlock.ToolUse u) {
            ObjectNode toolUse = node.putObject("toolUse");
            toolUse.put("toolUseId", u.id()).put("name", u.name()).set("input", u.input());
        } else if (block instanceof ContentBlock.ToolResult r) {
            ObjectNode result = node.putObject("toolResult");
            result.put("toolUseId", r.toolUseId());
            ObjectNode content = result.putArray("content").addObject();
            if (r.content().isTextual()) {
                content.put("text", r.content().asText());
            } else {
                content.set("json", r.content());
            }
            result.put("status", r.error() ? "error" : "success");
        } else if (block instanceof ContentBlock.Image i) {
            ObjectNode image = node.putObject("image");
            image.put("format", i.format().wireName());
            image.putObject("source").put("bytes", Base64.getEncoder().encodeToString(i.data()));
        } else if (block instanceof ContentBlock.Document d) {
            ObjectNode doc = node.putObject("document");
            doc.put("format", d.format().wireName()).put("name", d.name());
            doc.putObject("source").put("bytes", Base64.getEncoder().encodeToString(d.data()));
            if (d.citations()) {
                doc.putObject("citations").put("enabled", true);
            }
        } else if (block instanceof ContentBlock.Reasoning r) {
            ObjectNode reasoning = node.putObject("reasoningContent");
            if (r.redactedData() != null) {
                reasoning.put("redactedContent", r.redactedData());
            } else {
                ObjectNode text = reasoning.putObject("reasoningText");
                text.put("text", r.text());
                if (r.signature() != null) {
                    text.put("signature", r.signature());
                }
            }
        }
        return node;
    }

    /**
     * @param response a {@code ConverseResponse} body
     * @param modelId the model id the request went to
     * @param requestId the AWS request id, may be null
     * @return the chat response
     */
    public ChatResponse response(JsonNode response, String modelId, String requestId) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : response.path("output").path("message").path("content")) {
            if (block.path("text").isTextual()) {
                blocks.add(new ContentBlock.Text(block.path("text").asText()));
            } else if (block.path("toolUse").isObject()) {
                JsonNode toolUse = block.path("toolUse");
                blocks.add(new ContentBlock.ToolUse(toolUse.path("toolUseId").asText(), toolUse.path("name").asText(),
                        toolUse.path("input").isMissingNode() ? json.createObjectNode() : toolUse.path("input")));
            } else if (block.path("citationsContent").isObject()) {
                // cited text (Cohere, Claude with citations): the same text a stream sends as text deltas
                StringBuilder text = new StringBuilder();
                for (JsonNode generated : block.path("citationsContent").path("content")) {
                    text.append(generated.path("text").asText(""));
                }
                List<Citation> citations = new ArrayList<>();
                block.path("citationsContent").path("citations").forEach(c -> citations.add(Citation.of(c)));
                blocks.add(new ContentBlock.Text(text.toString(), citations));
            } else if (block.path("reasoningContent").isObject()) {
                JsonNode r = block.path("reasoningContent");
                if (r.has("redactedContent")) {
                    blocks.add(new ContentBlock.Reasoning(null, null, r.path("redactedContent").asText()));
                } else {
                    JsonNode text = r.path("reasoningText");
                    blocks.add(new ContentBlock.Reasoning(text.path("text").asText(null), text.path("signature").asText(null),
                            null));
                }
            }
        }
        return new ChatResponse(new Message(Role.ASSISTANT, blocks),
                StopReason.fromWire(response.path("stopReason").asText(null)), usage(response.path("usage")), modelId,
                requestId, io.quarkiverse.bedrock.runtime.guardrail.TraceReader.read(response.path("trace").path("guardrail")));
    }

    /**
     * @param usage a Converse {@code TokenUsage} object (missing fields count as zero)
     * @return the usage
     */
    public static Usage usage(JsonNode usage) {
        int input = usage.path("inputTokens").asInt(0);
        int output = usage.path("outputTokens").asInt(0);
        Map<String, Integer> byTtl = new java.util.LinkedHashMap<>();
        for (JsonNode detail : usage.path("cacheDetails")) {
            if (detail.path("ttl").isTextual()) {
                byTtl.merge(detail.path("ttl").asText(), detail.path("inputTokens").asInt(0), Integer::sum);
            }
        }
        return new Usage(input, output, usage.path("totalTokens").asInt(input + output),
                usage.path("cacheReadInputTokens").asInt(0), usage.path("cacheWriteInputTokens").asInt(0), byTtl);
    }
}
