package io.quarkiverse.bedrock.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Deterministic unit-length embedding vectors: the same text always gets the same vector. */
final class Embeddings {

    private Embeddings() {
    }

    static ArrayNode vector(String text, int dimensions) {
        long state = text.hashCode() * 2654435761L + dimensions;
        double[] v = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            v[i] = ((state >>> 11) / (double) (1L << 53)) * 2 - 1;
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        ArrayNode out = Json.array();
        for (double d : v) {
            out.add((float) (d / norm));
        }
        return out;
    }
}
