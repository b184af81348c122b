package io.quarkiverse.bedrock.runtime.family;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON payloads of one stream's events, one after the other, with one non-blocking Jackson parser fed each
 * payload in place.
 * <p>
 * Why not {@code mapper.readTree(bytes)} per event: that cost a parser (with its context, symbol table and buffers,
 * about 600 bytes), a tree (a map per object, a node per value) and a copy of the payload for each event, which was
 * most of what a text delta allocated. Here the parser, its symbol table and its text buffer live as long as the
 * stream, the payload is read where the decoder left it (in the network read's array), and the caller pulls only the
 * values it needs as tokens; it may still read a part as a tree ({@link #tree()}) for rare events.
 * <p>
 * The parser sees the stream's payloads as one sequence of root-level values; Jackson's default read constraints
 * limit neither the document length nor the token count, so a long stream does not run into them.
 * <p>
 * Usage per event: {@link #open(byte[], int, int)} (positions the parser on the payload's opening brace), read the object to
 * its
 * end, then {@link #close()}; at the end of the stream, {@link #release()}. One instance per stream; not
 * thread-safe.
 */
final class EventJson {

    private final ObjectMapper json;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;

    /** @param json the mapper whose factory and settings read the payloads (and builds trees) */
    EventJson(ObjectMapper json) {
        this.json = json;
        try {
            this.parser = json.getFactory().createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson could not create a non-blocking parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /**
     * Feeds the JSON object of the next event, held in part of an array: a payload read in place
     * ({@link io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage#readPayload}), or the decoded {@code bytes}
     * of a native chunk.
     *
     * @param bytes holds the JSON; not to be modified until the object was read
     * @param offset the JSON's first byte
     * @param length the JSON's length in bytes
     * @return the parser, on the object's {@link JsonToken#START_OBJECT}
     * @throws IOException when the bytes do not start with a JSON object
     */
    JsonParser open(byte[] bytes, int offset, int length) throws IOException {
        feeder.feedInput(bytes, offset, offset + length);
        return start();
    }

    private JsonParser start() throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new JsonParseException(parser, first == JsonToken.NOT_AVAILABLE ? "the payload ends before its value"
                    : "the payload is " + first + ", not a JSON object");
        }
        return parser;
    }

    /**
     * Reads the value the parser is on as a tree (for the rare events whose every field matters).
     *
     * @return the value, e.g. the whole payload right after {@link #open(byte[], int, int)}
     * @throws IOException when the value is not valid JSON or ends early
     */
    JsonNode tree() throws IOException {
        // an incomplete value fails in Jackson (an unexpected NOT_AVAILABLE token); close() checks the rest
        return json.readTree(parser);
    }

    /**
     * Ends the event: the caller has read the payload's object up to its closing brace, and nothing but white space
     * may follow it.
     *
     * @throws IOException when the object was not complete or something follows it
     */
    void close() throws IOException {
        // after the closing brace of the payload's object the parser is back at the root (a tree read of the whole
        // object leaves no current token, hence the context rather than the token)
        if (!parser.getParsingContext().inRoot() || parser.currentToken() == JsonToken.NOT_AVAILABLE) {
            throw new JsonParseException(parser, "the payload ends inside its object");
        }
        JsonToken after = parser.nextToken();
        if (after != JsonToken.NOT_AVAILABLE) {
            throw new JsonParseException(parser, "unexpected " + after + " after the payload's object");
        }
    }

    /**
     * Ends the stream's use of the parser. Its field names (Jackson canonicalizes them in a table per parser, copied
     * from the factory's on the first new name) then go back to the factory's table, so that the next stream's parser
     * finds {@code contentBlockIndex} and the others there instead of copying the table and adding them again.
     */
    void release() {
        try {
            parser.close();
        } catch (IOException e) {
            // a byte-array parser has no input to close
        }
    }
}
