package io.quarkiverse.bedrock.runtime.family;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Citation;

/** Writes a {@link Citation} back as a Converse {@code Citation}, the shape {@link Citation#of} reads. */
final class CitationJson {

    private CitationJson() {
    }

    /**
     * @param citation a citation
     * @return its Converse JSON; unset members are left out, and so is a location of unknown kind
     */
    static ObjectNode converse(Citation citation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        putText(node, "title", citation.title());
        putText(node, "source", citation.source());
        if (!citation.sourceText().isEmpty()) {
            citation.sourceText().forEach(t -> node.withArray("sourceContent").addObject().put("text", t));
        }
        Citation.Location l = citation.location();
        String member = l == null ? null : switch (l.kind()) {
            case DOCUMENT_CHAR -> "documentChar";
            case DOCUMENT_PAGE -> "documentPage";
            case DOCUMENT_CHUNK -> "documentChunk";
            case WEB -> "web";
            case SEARCH_RESULT -> "searchResultLocation";
            case UNKNOWN -> null;
        };
        if (member != null) {
            ObjectNode at = node.putObject("location").putObject(member);
            putNumber(at, l.kind() == Citation.Kind.SEARCH_RESULT ? "searchResultIndex" : "documentIndex",
                    l.documentIndex());
            putNumber(at, "start", l.start());
            putNumber(at, "end", l.end());
            putText(at, "url", l.url());
            putText(at, "domain", l.domain());
        }
        return node;
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putNumber(ObjectNode node, String name, int value) {
        if (value >= 0) {
            node.put(name, value);
        }
    }
}
