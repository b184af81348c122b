package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** Encodes content blocks in the Anthropic Messages form ({@code {"type": "text", ...}}). */
final class AnthropicContent {

    private final ObjectMapper json;

    AnthropicContent(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param format a document format
     * @return whether the native Messages API takes it: PDF as base64, plain-text formats as text
     */
    static boolean nativeDocument(ContentBlock.DocumentFormat format) {
        return format == ContentBlock.DocumentFormat.PDF || textDocument(format);
    }

    private static boolean textDocument(ContentBlock.DocumentFormat format) {
        return switch (format) {
            case TXT, MD, CSV, HTML -> true;
            default -> false;
        };
    }

    /**
     * @param block a content block
     * @return its Anthropic form
     * @throws InvalidRequestException for a document format the Messages API cannot read (use Converse for Office files)
     */
    ObjectNode encode(ContentBlock block) {
        ObjectNode node = json.createObjectNode();
        if (block instanceof ContentBlock.Text t) {
            node.put("type", "text").put("text", t.text());
        } else if (block instanceof ContentBlock.ToolUse u) {
            node.put("type", "tool_use").put("id", u.id()).put("name", u.name()).set("input", u.input());
        } else if (block instanceof ContentBlock.ToolResult r) {
            node.put("type", "tool_result").put("tool_use_id", r.toolUseId());
            if (r.content().isTextual()) {
                node.putArray("content").addObject().put("type", "text").put("text", r.content().asText());
            } else {
                node.putArray("content").addObject().put("type", "text").put("text", r.content().toString());
            }
            if (r.error()) {
                node.put("is_error", true);
            }
        } else if (block instanceof ContentBlock.Image i) {
            node.put("type", "image").putObject("source").put("type", "base64")
                    .put("media_type", "image/" + i.format().wireName())
                    .put("data", Base64.getEncoder().encodeToString(i.data()));
        } else if (block instanceof ContentBlock.Document d) {
            document(node, d);
        } else if (block instanceof ContentBlock.Reasoning r) {
            if (r.redactedData() != null) {
                node.put("type", "redacted_thinking").put("data", r.redactedData());
            } else {
                node.put("type", "thinking").put("thinking", r.text() == null ? "" : r.text());
                if (r.signature() != null) {
                    node.put("signature", r.signature());
                }
            }
        }
        return node;
    }

    private static void document(ObjectNode node, ContentBlock.Document d) {
        node.put("type", "document");
        if (d.format() == ContentBlock.DocumentFormat.PDF) {
            node.putObject("source").put("type", "base64").put("media_type", "application/pdf")
                    .put("data", Base64.getEncoder().encodeToString(d.data()));
        } else if (textDocument(d.format())) {
            // the Messages API reads text documents only as text/plain; CSV, Markdown and HTML are text too
            node.putObject("source").put("type", "text").put("media_type", "text/plain")
                    .put("data", new String(d.data(), StandardCharsets.UTF_8));
        } else {
            throw new InvalidRequestException("Claude's native API cannot read " + d.format().wireName()
                    + " documents ('" + d.name() + "'): send PDF or text, or use Converse (use_converse=true)");
        }
        node.put("title", d.name());
        if (d.citations()) {
            node.putObject("citations").put("enabled", true);
        }
    }
}
