package io.quarkiverse.bedrock.runtime.family;

import java.io.IOException;
import java.util.function.Consumer;

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
 * family's own streaming JSON, handed to the family's {@link ModelFamily.StreamParser}.
 */
public final class NativeStreamEvents implements StreamEvents {

    private static final String METRICS = "amazon-bedrock-invocationMetrics";

    private final ModelFamily.StreamParser parser;
    private final String requestId;
    private final EventJson events;
    private final EventJson chunks;
    private final Base64Text base64 = new Base64Text();

    /**
     * @param json the mapper
     * @param parser the family's parser for this stream
     * @param requestId the AWS request id, may be null
     */
    public NativeStreamEvents(ObjectMapper json, ModelFamily.StreamParser parser, String requestId) {
        this.parser = parser;
        this.requestId = requestId;
        this.events = new EventJson(json);
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
        JsonNode chunk;
        try {
            chunk = decode(message);
        } catch (IOException | IllegalArgumentException e) {
            throw new BedrockServiceException(200, "MalformedEvent", "A chunk event does not hold base64 JSON: "
                    + e.getMessage(), requestId);
        }
        parser.accept(chunk, out);
        JsonNode metrics = chunk.path(METRICS);
        if (metrics.isObject()) {
            out.accept(new Chunk.Metadata(metrics.path("invocationLatency").asLong(-1), requestId,
                    "invoke-with-response-stream"));
        }
    }

    /**
     * Reads the event's {@code bytes} as tokens (skipping the {@code p} padding), decodes the base64 from the parser's
     * characters into a reused array and reads the family's JSON as a tree, which {@link ModelFamily.StreamParser} takes; both
     * parsers live as long as the stream.
     */
    private JsonNode decode(EventStreamMessage message) throws IOException {
        int length = -1;
        JsonParser p = events.open(message.payload());
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
        chunks.open(base64.bytes(), length);
        JsonNode chunk = chunks.tree();
        chunks.close();
        return chunk;
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
}
