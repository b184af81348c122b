package io.quarkiverse.bedrock.runtime.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads one catalogue file (the JSON format of {@value ModelCatalog#RESOURCE}). */
final class CatalogReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogReader() {
    }

    /** What one file holds. */
    record Content(Map<String, String> sources, List<ModelCapabilities> models) {
    }

    /**
     * @param in the file's bytes
     * @param origin names the file in error messages
     * @return its content
     * @throws IllegalArgumentException naming the file and entry when it is not a valid catalogue
     */
    static Content read(InputStream in, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Bedrock model catalogue " + origin + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Bedrock model catalogue " + origin + " must hold a JSON object");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        root.path("sources").fields().forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
        List<ModelCapabilities> models = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.path("models")) {
            models.add(model(m, origin, i++));
        }
        return new Content(sources, models);
    }

    private static ModelCapabilities model(JsonNode m, String origin, int index) {
        String id = m.path("id").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("Bedrock model catalogue " + origin + ": models[" + index
                    + "] has no \"id\"");
        }
        boolean tools = m.path("tools").asBoolean(false);
        boolean streamingTools = m.path("streamingTools").asBoolean(tools);
        List<Integer> dims = new ArrayList<>();
        m.path("embeddingDimensions").forEach(d -> dims.add(d.asInt()));
        JsonNode rec = m.path("recorded");
        Optional<ModelCapabilities.RecordedAnswer> recorded = rec.isObject()
                ? Optional.of(new ModelCapabilities.RecordedAnswer(rec.path("streamingTools").asBoolean(streamingTools),
                        rec.path("source").asText("")))
                : Optional.empty();
        try {
            return new ModelCapabilities(id, m.path("source").asText(""), m.path("converse").asBoolean(true),
                    m.path("streaming").asBoolean(true), m.path("system").asBoolean(true), tools, streamingTools,
                    m.path("nativeStreamingTools").asBoolean(streamingTools), m.path("images").asBoolean(false),
                    m.path("documents").asBoolean(false), m.path("reasoning").asBoolean(false),
                    m.path("structuredOutput").asBoolean(false), m.path("maxTokens").asInt(0), dims, recorded,
                    m.path("note").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bedrock model catalogue " + origin + ": " + e.getMessage(), e);
        }
    }
}
