package io.quarkiverse.bedrock.runtime.family;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * A family's stream parser without its token reading: the SPI's default hands it each chunk as a tree, as every chunk
 * was read before the token path. For tests and benchmarks comparing the two paths.
 */
public final class TreeOnlyStreamParser implements ModelFamily.StreamParser {

    private final ModelFamily.StreamParser parser;

    /** @param parser the family's parser, given only trees */
    public TreeOnlyStreamParser(ModelFamily.StreamParser parser) {
        this.parser = parser;
    }

    @Override
    public void accept(JsonNode chunk, Consumer<Chunk> out) {
        parser.accept(chunk, out);
    }

    @Override
    public boolean stopped() {
        return parser.stopped();
    }
}
