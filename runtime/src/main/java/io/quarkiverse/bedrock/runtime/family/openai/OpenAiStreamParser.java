package io.quarkiverse.bedrock.runtime.family.openai;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * Reads gpt-oss {@code chat.completion.chunk}s. One Bedrock chunk may carry content, the finish reason and the
 * invocation metrics at once; every part is emitted. Tool calls are announced on their first fragment and completed
 * when the finish reason arrives. A chunk of content only, nearly every chunk of a stream, is read as tokens; the others
 * as trees.
 */
final class OpenAiStreamParser implements ModelFamily.StreamParser {

    private static final String METRICS = "amazon-bedrock-invocationMetrics";

    private final ReasoningSplitter splitter = new ReasoningSplitter();
    private final Map<Integer, ToolCallState> calls = new TreeMap<>();
    private boolean stopped;
    private boolean usageSent;
    /** The content {@link #contentOnly} found in the chunk it reads, null for none. */
    private String content;

    @Override
    public void accept(ModelFamily.ChunkJson chunk, Consumer<Chunk> out) throws IOException {
        content = null;
        if (!contentOnly(chunk.tokens())) {
            accept(chunk.tree(), out);
        } else if (content != null) {
            emit(splitter.feed(content), out);
        }
    }

    /**
     * Reads a chunk whose only part is content (at most one choice, without tool calls or finish reason, no usage or
     * metrics) as tokens, its fields in any order; the fields the tree reading ignores are skipped.
     *
     * @return whether the chunk is such a chunk (its content, if any, is then in {@link #content}); false for any
     *         other chunk, which the caller then reads as a tree (the parser is left partway)
     */
    private boolean contentOnly(JsonParser p) throws IOException {
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "choices" -> {
                    if (value != JsonToken.START_ARRAY) {
                        return false;
                    }
                    int choices = 0;
                    JsonToken choice;
                    while ((choice = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (++choices > 1 || choice != JsonToken.START_OBJECT || !choiceContentOnly(p)) {
                            return false;
                        }
                    }
                }
                case "usage", METRICS -> {
                    if (value != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                default -> p.skipChildren();
            }
        }
        // cut short: the loop ended on NOT_AVAILABLE, never the current token; the tree reading reports it
        return end == JsonToken.END_OBJECT;
    }

    /** One choice object, the parser on its opening brace: as {@link #contentOnly}. */
    private boolean choiceContentOnly(JsonParser p) throws IOException {
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("delta".equals(field)) {
                if (value != JsonToken.START_OBJECT) {
                    return false;
                }
                JsonToken partEnd;
                while ((partEnd = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String part = p.currentName();
                    JsonToken partValue = p.nextToken();
                    if ("content".equals(part) && partValue == JsonToken.VALUE_STRING) {
                        content = p.getText();
                    } else if (("content".equals(part) || "tool_calls".equals(part))
                            && partValue != JsonToken.VALUE_NULL) {
                        return false;
                    } else {
                        p.skipChildren();
                    }
                }
                if (partEnd != JsonToken.END_OBJECT) {
                    return false;
                }
            } else if ("finish_reason".equals(field)) {
                if (value != JsonToken.VALUE_NULL) {
                    return false;
                }
            } else {
                p.skipChildren();
            }
        }
        // cut short: the loop ended on NOT_AVAILABLE, never the current token; the tree reading reports it
        return end == JsonToken.END_OBJECT;
    }

    @Override
    public void accept(JsonNode chunk, Consumer<Chunk> out) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.path("content").isTextual()) {
                emit(splitter.feed(delta.path("content").asText()), out);
            }
            for (JsonNode call : delta.path("tool_calls")) {
                onToolCall(call, out);
            }
            String finish = choice.path("finish_reason").asText(null);
            if (finish != null && !stopped) {
                emit(splitter.finish(), out);
                for (Map.Entry<Integer, ToolCallState> e : calls.entrySet()) {
                    ToolCallState s = e.getValue();
                    out.accept(new Chunk.ToolCall(e.getKey(), s.id, s.name,
                            OpenAiFamily.arguments(TextNode
                                    .valueOf(s.arguments.toString()), s.name, null)));
                }
                calls.clear();
                stopped = true;
                out.accept(new Chunk.Stop(OpenAiFamily.stopReason(finish)));
            }
        }
        JsonNode metrics = chunk.path(METRICS);
        if (!usageSent && metrics.isObject()) {
            int input = metrics.path("inputTokenCount").asInt(0);
            int output = metrics.path("outputTokenCount").asInt(0);
            out.accept(new Chunk.UsageChunk(new Usage(input, output, input + output, 0, 0)));
            usageSent = true;
        } else if (!usageSent && chunk.path("usage").isObject()) {
            out.accept(new Chunk.UsageChunk(OpenAiFamily.usage(chunk.path("usage"))));
            usageSent = true;
        }
    }

    private void onToolCall(JsonNode call, Consumer<Chunk> out) {
        int index = call.path("index").asInt(calls.size());
        ToolCallState state = calls.get(index);
        JsonNode function = call.path("function");
        if (state == null) {
            state = new ToolCallState(call.path("id").asText(""), function.path("name").asText(""));
            calls.put(index, state);
            out.accept(new Chunk.ToolCallStart(index, state.id, state.name));
        }
        String fragment = function.path("arguments").asText("");
        if (!fragment.isEmpty()) {
            state.arguments.append(fragment);
            out.accept(new Chunk.ToolCallDelta(index, fragment));
        }
    }

    private static void emit(Iterable<ReasoningSplitter.Segment> segments, Consumer<Chunk> out) {
        for (ReasoningSplitter.Segment s : segments) {
            out.accept(s.reasoning() ? new Chunk.ThinkingDelta(s.text(), null, null) : new Chunk.TextDelta(s.text()));
        }
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    /** A tool call being streamed. */
    private static final class ToolCallState {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        ToolCallState(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
