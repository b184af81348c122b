package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.StopReason;

/**
 * Prompt and completion content in the JSON shapes of the GenAI conventions ({@code gen_ai.input.messages} and
 * friends), used only when content recording is switched on. Binary parts (images, documents) are named by type, never
 * copied.
 */
public final class MessageContent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageContent() {
    }

    /** @param system the system prompts @return {@code [{"type":"text","content":...}]} */
    public static String systemInstructions(List<String> system) {
        ArrayNode parts = JSON.createArrayNode();
        system.forEach(text -> parts.addObject().put("type", "text").put("content", text));
        return parts.toString();
    }

    /** @param messages the conversation @return {@code [{"role":...,"parts":[...]}]} */
    public static String inputMessages(List<Message> messages) {
        ArrayNode out = JSON.createArrayNode();
        for (Message m : messages) {
            ObjectNode message = out.addObject().put("role", m.role().name().toLowerCase());
            ArrayNode parts = message.putArray("parts");
            for (ContentBlock block : m.content()) {
                if (block instanceof ContentBlock.Text t) {
                    parts.addObject().put("type", "text").put("content", t.text());
                } else if (block instanceof ContentBlock.ToolUse u) {
                    parts.addObject().put("type", "tool_call").put("id", u.id()).put("name", u.name())
                            .set("arguments", u.input());
                } else if (block instanceof ContentBlock.ToolResult r) {
                    parts.addObject().put("type", "tool_call_response").put("id", r.toolUseId())
                            .set("response", r.content());
                } else {
                    parts.addObject().put("type", block.getClass().getSimpleName().toLowerCase());
                }
            }
        }
        return out.toString();
    }

    /** @param text the answer's text @param stop why it stopped @return {@code [{"role":"assistant",...}]} */
    public static String outputMessage(String text, StopReason stop) {
        ArrayNode out = JSON.createArrayNode();
        ObjectNode message = out.addObject().put("role", "assistant");
        message.putArray("parts").addObject().put("type", "text").put("content", text);
        if (stop != null) {
            message.put("finish_reason", stop.wireName());
        }
        return out.toString();
    }
}
