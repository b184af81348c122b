package io.quarkiverse.bedrock.runtime.family.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.family.NativeBodies;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * OpenAI gpt-oss ({@code openai.gpt-oss-20b-1:0}, {@code openai.gpt-oss-120b-1:0}) on InvokeModel: OpenAI chat
 * completions bodies. The model writes its reasoning inline in {@code <reasoning>} tags; it is reported as reasoning
 * blocks and thinking chunks. Requests with tools go to Converse (the default routing); with {@code useConverse=false}
 * this family sends them in chat completions form.
 */
public final class OpenAiFamily implements ModelFamily {

    private static final String FAMILY = "openai";

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public boolean supports(ModelId modelId) {
        return modelId.baseModel().map(base -> base.startsWith("openai.gpt-oss")).orElse(true);
    }

    @Override
    public boolean canServe(ChatRequest request) {
        return request.tools().isEmpty() && !NativeBodies.hasAttachments(request);
    }

    @Override
    public ObjectNode requestBody(ChatRequest request, ObjectMapper json) {
        if (NativeBodies.hasAttachments(request)) {
            throw new InvalidRequestException("gpt-oss takes text only: remove the images and documents");
        }
        ObjectNode body = json.createObjectNode();
        body.put("model", request.modelId().value());
        ArrayNode messages = body.putArray("messages");
        for (String system : request.system()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        for (Message message : request.messages()) {
            addMessage(messages, message);
        }
        request.maxTokens().ifPresent(v -> body.put("max_tokens", v));
        request.temperature().ifPresent(v -> body.put("temperature", v));
        request.topP().ifPresent(v -> body.put("top_p", v));
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stopSequences().forEach(stop::add);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                if (tool.description() != null) {
                    function.put("description", tool.description());
                }
                function.set("parameters", tool.inputSchema());
            }
            request.toolChoice().ifPresent(choice -> {
                if (choice instanceof ToolChoice.Auto) {
                    body.put("tool_choice", "auto");
                } else if (choice instanceof ToolChoice.Any) {
                    body.put("tool_choice", "required");
                } else if (choice instanceof ToolChoice.Named named) {
                    body.putObject("tool_choice").put("type", "function").putObject("function").put("name", named.name());
                }
            });
        }
        return NativeBodies.withAdditionalFields(body, request, json);
    }

    private static void addMessage(ArrayNode messages, Message message) {
        StringBuilder text = new StringBuilder();
        List<ContentBlock.ToolUse> calls = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (block instanceof ContentBlock.ToolUse u) {
                calls.add(u);
            } else if (block instanceof ContentBlock.ToolResult r) {
                messages.addObject().put("role", "tool").put("tool_call_id", r.toolUseId())
                        .put("content", r.content().isTextual() ? r.content().asText() : r.content().toString());
            }
            // reasoning blocks are not sent back: gpt-oss reasoning carries no signature and the model ignores it
        }
        if (message.role() == Role.USER) {
            if (!text.isEmpty()) {
                messages.addObject().put("role", "user").put("content", text.toString());
            }
            return;
        }
        ObjectNode m = messages.addObject().put("role", "assistant");
        if (calls.isEmpty()) {
            m.put("content", text.toString());
            return;
        }
        if (text.isEmpty()) {
            m.putArray("content");
        } else {
            m.put("content", text.toString());
        }
        ArrayNode toolCalls = m.putArray("tool_calls");
        for (ContentBlock.ToolUse call : calls) {
            ObjectNode c = toolCalls.addObject();
            c.putObject("function").put("arguments", call.input().toString()).put("name", call.name());
            c.put("id", call.id()).put("type", "function");
        }
    }

    @Override
    public ChatResponse response(JsonNode body, String modelId, String requestId) {
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ContentBlock> blocks = new ArrayList<>();
        ReasoningSplitter splitter = new ReasoningSplitter();
        List<ReasoningSplitter.Segment> segments = new ArrayList<>(splitter.feed(message.path("content").asText("")));
        segments.addAll(splitter.finish());
        for (ReasoningSplitter.Segment s : segments) {
            blocks.add(s.reasoning() ? new ContentBlock.Reasoning(s.text(), null, null) : new ContentBlock.Text(s.text()));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            blocks.add(new ContentBlock.ToolUse(call.path("id").asText(), function.path("name").asText(),
                    arguments(function.path("arguments"), function.path("name").asText(), requestId)));
        }
        return new ChatResponse(new Message(Role.ASSISTANT, merge(blocks)),
                stopReason(choice.path("finish_reason").asText(null)),
                usage(body.path("usage")), modelId, requestId);
    }

    /** Joins neighbouring blocks of the same kind, as the tagged content may cut one run into several. */
    private static List<ContentBlock> merge(List<ContentBlock> blocks) {
        List<ContentBlock> out = new ArrayList<>();
        for (ContentBlock b : blocks) {
            ContentBlock last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last instanceof ContentBlock.Text lt && b instanceof ContentBlock.Text t) {
                out.set(out.size() - 1, new ContentBlock.Text(lt.text() + t.text()));
            } else if (last instanceof ContentBlock.Reasoning lr && b instanceof ContentBlock.Reasoning r) {
                out.set(out.size() - 1, new ContentBlock.Reasoning(lr.text() + r.text(), null, null));
            } else {
                out.add(b);
            }
        }
        return out;
    }

    static JsonNode arguments(JsonNode arguments, String name, String requestId) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new BedrockServiceException(200, "MalformedToolUse",
                    "The arguments of tool call '" + name + "' are not valid JSON: " + e.getMessage(), requestId);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param finishReason a chat completions {@code finish_reason}
     * @return the stop reason, null for null
     */
    static StopReason stopReason(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "stop" -> StopReason.END_TURN;
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTERED;
            default -> StopReason.UNKNOWN;
        };
    }

    /**
     * @param usage a chat completions {@code usage} object
     * @return the usage; {@code prompt_tokens_details.cached_tokens} is reported as cache read tokens
     */
    static Usage usage(JsonNode usage) {
        int input = usage.path("prompt_tokens").asInt(0);
        int output = usage.path("completion_tokens").asInt(0);
        return new Usage(input, output, usage.path("total_tokens").asInt(input + output),
                usage.path("prompt_tokens_details").path("cached_tokens").asInt(0), 0);
    }

    @Override
    public StreamParser streamParser(ObjectMapper json) {
        return new OpenAiStreamParser();
    }
}
