package io.quarkiverse.bedrock.runtime.family;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Small reads of the token a Jackson parser is on, for the family stream parsers that read their text deltas as
 * tokens
 * ({@link io.quarkiverse.bedrock.spi.ModelFamily.StreamParser#accept(io.quarkiverse.bedrock.spi.ModelFamily.ChunkJson, java.util.function.Consumer)}).
 */
public final class JsonTokens {

    private JsonTokens() {
    }

    /**
     * Compares a string value with a constant in the parser's own characters, so that telling an event's
     * {@code type} costs no {@code String}.
     *
     * @param p a parser
     * @param expected the value to compare with
     * @return whether the parser is on a string value equal to {@code expected}
     * @throws IOException when the parser cannot give the value's characters
     */
    public static boolean stringIs(JsonParser p, String expected) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() != expected.length()) {
            return false;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = 0; i < expected.length(); i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
