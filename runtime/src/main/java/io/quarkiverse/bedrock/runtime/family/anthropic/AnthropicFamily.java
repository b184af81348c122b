package io.quarkiverse.bedrock.runtime.family.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * The Anthropic Claude family: Bedrock's native InvokeModel API (the Messages body with
 * {@code anthropic_version: bedrock-2023-05-31}), and Claude's extras on Converse ({@link ClaudeConverseFields}).
 * <p>
 * Routing: requests with tools, or with tool calls in their history, go to Converse (the rule "tools present ->
 * Converse"), as do documents the Messages API cannot read (Office formats). With {@code useConverse=false} this
 * family serves them natively too: tools and tool choice are sent in Anthropic form.
 */
public final class AnthropicFamily implements ModelFamily {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public boolean canServe(ChatRequest request) {
        return request.tools().isEmpty() && request.messages().stream().flatMap(m -> m.content().stream())
                .noneMatch(b -> b instanceof ContentBlock.ToolUse || b instanceof ContentBlock.ToolResult
                        || b instanceof ContentBlock.Document d && !AnthropicContent.nativeDocument(d.format()));
    }

    @Override
    public ObjectNode requestBody(ChatRequest request, ObjectMapper json) {
        return new AnthropicRequestBody(json).build(request);
    }

    @Override
    public ChatResponse response(JsonNode body, String modelId, String requestId) {
        return AnthropicResponses.read(body, modelId, requestId);
    }

    @Override
    public StreamParser streamParser(ObjectMapper json) {
        return new AnthropicStreamParser(json);
    }

    /** Extended thinking and prompt caching, in their Converse form. */
    @Override
    public void adjustConverseRequest(ChatRequest request, ObjectNode body, ObjectMapper json) {
        ClaudeConverseFields.apply(request, body, json);
    }
}
