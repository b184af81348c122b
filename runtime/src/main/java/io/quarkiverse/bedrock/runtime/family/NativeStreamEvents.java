package io.quarkiverse.bedrock.runtime.family;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.transport.StreamErrors;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * The events of an InvokeModelWithResponseStream answer: each {@code chunk} event carries base64 {@code bytes} of the
 * family's own streaming JSON, handed to the family's {@link ModelFamily.StreamParser} as a
 * {@link ModelFamily.ChunkJson}: the built-in families read their text deltas as tokens, other chunks as trees.
 * <p>
 * Per chunk, the event's {@code bytes} are read as tokens (skipping the {@code p} padding) and decoded from the
 * parser's characters into a reused array, which a second parser reads for the family; both parsers live as long as
 * the stream. When the family asks for the tree after reading some of the chunk's tokens, the second parser skips the
 * rest and is fed the chunk's bytes again. One instance per stream; not thread-safe.
 */
public final class NativeStreamEvents implements StreamEvents {

    private static final String METRICS = "amazon-bedrock-invocationMetrics";
    private static final byte[] METRICS_KEY = ("\"" + METRICS + "\"").getBytes(StandardCharsets.US_ASCII);

    private final ModelFamily.StreamParser parser;
    private final String requestId;
    private final EventJson events;
    private final EventJson chunks;
    private final Base64Text base64 = new Base64Text();
    private final CurrentChunk current = new CurrentChunk();
    private final EventStreamMessage.PayloadReader<JsonParser> opener;

    /**
     * @param json the mapper
     * @param parser the family's parser for this stream
     * @param requestId the AWS request id, may be null
     */
    public NativeStreamEvents(ObjectMapper json, ModelFamily.StreamParser parser, String requestId) {
        this.parser = parser;
        this.requestId = requestId;
        this.events = new EventJson(json);
        this.opener = events::open;
        this.chunks = new EventJson(json);
    }

    @Override
    public void accept(EventStreamMessage message, Consumer<Chunk> out) {
        if (!"event".equals(message.messageType())) {
            throw StreamErrors.fromMessage(message, requestId);
        }
        if (!"chunk".equals(message.eventType())) {
            return;
        }
        try {
            int length = decode(message);
            current.start(chunks.open(base64.bytes(), 0, length), length);
        } catch (IOException | IllegalArgumentException e) {
            throw malformed("does not hold base64 JSON", e);
        }
        JsonNode metrics;
        try {
            parser.accept(current, out);
            metrics = metrics();
            skipRest(current.parser);
            chunks.close();
        } catch (IOException e) {
            throw malformed("holds bytes that are not valid JSON", e);
        }
        if (metrics != null && metrics.isObject()) {
            out.accept(new Chunk.Metadata(metrics.path("invocationLatency").asLong(-1), requestId,
                    "invoke-with-response-stream"));
        }
    }

    private BedrockServiceException malformed(String what, Exception e) {
        return new BedrockServiceException(200, "MalformedEvent", "A chunk event " + what + ": " + e.getMessage(),
                requestId);
    }

    /**
     * Reads the event's {@code bytes} as tokens (skipping the {@code p} padding) and decodes the base64 from the
     * parser's characters into the reused array of {@link #base64}.
     *
     * @return how many bytes the chunk's JSON has
     */
    private int decode(EventStreamMessage message) throws IOException {
        int length = -1;
        JsonParser p = message.readPayload(opener);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING && "bytes".equals(field)) {
                length = base64.decode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } else {
                p.skipChildren();
            }
        }
        events.close();
        if (length < 0) {
            throw new IllegalArgumentException("no bytes field");
        }
        return length;
    }

    /**
     * The chunk's {@code amazon-bedrock-invocationMetrics}, which Bedrock adds to the last chunk: from the tree when
     * the family read one, else looked for in the bytes first (a family reading tokens may skip the field), so that a
     * text delta costs no tree.
     */
    private JsonNode metrics() throws IOException {
        if (current.tree == null && !contains(base64.bytes(), current.length, METRICS_KEY)) {
            return null;
        }
        return current.tree().get(METRICS);
    }

    private static boolean contains(byte[] bytes, int length, byte[] key) {
        outer: for (int i = 0; i <= length - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (bytes[i + j] != key[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Skips what the family left of the chunk's object, up to its closing brace. */
    private static void skipRest(JsonParser p) throws IOException {
        while (!p.getParsingContext().inRoot()) {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.NOT_AVAILABLE) {
                throw new JsonParseException(p, "the chunk ends inside its object");
            }
        }
    }

    @Override
    public void finish() {
        events.release();
        chunks.release();
        if (!parser.stopped()) {
            throw new StreamInterruptedException("The stream ended before the model's stop"
                    + (requestId == null ? "" : " (request id " + requestId + ")") + ": the answer is incomplete");
        }
    }

    /** The chunk being read, as the family sees it; reused for every chunk of the stream. */
    private final class CurrentChunk implements ModelFamily.ChunkJson {

        private JsonParser parser;
        private int length;
        private JsonNode tree;

        void start(JsonParser parser, int length) {
            this.parser = parser;
            this.length = length;
            this.tree = null;
        }

        @Override
        public JsonParser tokens() {
            return parser;
        }

        @Override
        public JsonNode tree() throws IOException {
            if (tree == null) {
                if (!untouched()) {
                    // the stream's parser is partway: past the rest of the chunk, then fed it again from its start
                    skipRest(parser);
                    chunks.close();
                    chunks.open(base64.bytes(), 0, length);
                }
                tree = chunks.tree();
            }
            return tree;
        }

        /** @return whether the parser is still on the chunk's opening brace */
        private boolean untouched() {
            return parser.currentToken() == JsonToken.START_OBJECT && parser.getParsingContext().getParent().inRoot();
        }
    }
}
