package io.quarkiverse.bedrock.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One piece of a streamed answer. A sealed hierarchy, so a {@code switch} over its records covers every case.
 * <p>
 * A well-formed stream ends with a {@link Stop}, followed by {@link UsageChunk} and {@link Metadata} when Bedrock sends
 * them; a stream that ends without a stop fails instead.
 */
public sealed interface Chunk {

    /**
     * Generated text.
     *
     * @param text the new text, to append to what came before
     */
    record TextDelta(String text) implements Chunk {
    }

    /**
     * Reasoning (extended thinking) of the model. Exactly one of the fields is usually set.
     *
     * @param text reasoning text, to append to what came before, or null
     * @param signature the signature that authenticates the reasoning block, to send back unchanged, or null
     * @param redactedData encrypted reasoning (base64), to send back unchanged, or null
     */
    record ThinkingDelta(String text, String signature, String redactedData) implements Chunk {
    }

    /**
     * The model starts a tool call.
     *
     * @param index the content block index of the call
     * @param id the tool use id, to quote in the tool result
     * @param name the tool's name
     */
    record ToolCallStart(int index, String id, String name) implements Chunk {
    }

    /**
     * A piece of a tool call's JSON arguments.
     *
     * @param index the content block index of the call
     * @param partialJson the next characters of the arguments' JSON
     */
    record ToolCallDelta(int index, String partialJson) implements Chunk {
    }

    /**
     * A complete tool call, emitted when its content block ends.
     *
     * @param index the content block index of the call
     * @param id the tool use id
     * @param name the tool's name
     * @param arguments the parsed JSON arguments (an empty object when the model sent none)
     */
    record ToolCall(int index, String id, String name, JsonNode arguments) implements Chunk {
    }

    /**
     * A citation of a source document (Cohere, Claude with citations), sent for the text that follows or precedes it
     * in the same content block.
     *
     * @param citation the citation as Bedrock sent it
     */
    record Citation(JsonNode citation) implements Chunk {

        /** @return the citation, typed: title, source, cited text and location */
        public io.quarkiverse.bedrock.api.Citation details() {
            return io.quarkiverse.bedrock.api.Citation.of(citation);
        }
    }

    /**
     * What the request's guardrail found (sent with the stream's metadata when the guardrail's trace is enabled).
     *
     * @param trace the assessment
     */
    record GuardrailChunk(io.quarkiverse.bedrock.api.guardrail.GuardrailTrace trace) implements Chunk {
    }

    /**
     * Token counts, usually sent once at the end of the stream.
     *
     * @param usage the counts
     */
    record UsageChunk(Usage usage) implements Chunk {
    }

    /**
     * The end of the answer.
     *
     * @param reason why generation stopped
     */
    record Stop(StopReason reason) implements Chunk {
    }

    /**
     * Facts about the exchange.
     *
     * @param latencyMs the model latency Bedrock reported, or -1 when it did not
     * @param requestId the AWS request id, may be null
     * @param api the API that served the answer, e.g. {@code converse-stream}, or {@code converse} when a non-streaming
     *        answer was replayed as chunks
     */
    record Metadata(long latencyMs, String requestId, String api) implements Chunk {
    }
}
