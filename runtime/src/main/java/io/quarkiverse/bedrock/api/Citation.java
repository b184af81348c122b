package io.quarkiverse.bedrock.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a piece of the answer comes from: a passage of a document the request sent with citations enabled
 * ({@link ContentBlock.Document#withCitations()}), a web page or a search result.
 *
 * @param title the title of the cited source (a document's name), or null
 * @param source the source of a search result, or null
 * @param sourceText the cited passages of the source, empty when not sent (in a stream they may come in pieces)
 * @param location where in the source, or null when not sent
 */
public record Citation(String title, String source, List<String> sourceText, Location location) {

    /** Copies the passages. */
    public Citation {
        sourceText = List.copyOf(sourceText);
    }

    /**
     * A position in the cited source. Which fields are set depends on the kind: {@code documentIndex}, {@code start}
     * and {@code end} for documents and search results (characters, pages or chunks; the end is exclusive), {@code url}
     * and {@code domain} for the web; unset numbers are -1.
     *
     * @param kind what the positions count
     * @param documentIndex the index of the document (or search result) among those of the request, or -1
     * @param start the first position, or -1
     * @param end the position after the last, or -1
     * @param url the cited page, or null
     * @param domain the page's domain, or null
     */
    public record Location(Kind kind, int documentIndex, int start, int end, String url, String domain) {
    }

    /** What a {@link Location} counts. */
    public enum Kind {
        /** Characters of a plain-text document. */
        DOCUMENT_CHAR,
        /** Pages of a PDF document. */
        DOCUMENT_PAGE,
        /** Chunks of a custom-content document. */
        DOCUMENT_CHUNK,
        /** A web page. */
        WEB,
        /** Content blocks of a search result. */
        SEARCH_RESULT,
        /** A location this client does not know yet. */
        UNKNOWN
    }

    /**
     * Reads a citation as Bedrock sends it: a Converse {@code Citation} / {@code CitationsDelta}, or an Anthropic
     * Messages citation ({@code char_location}, {@code page_location}, {@code content_block_location}).
     *
     * @param node the citation object
     * @return the citation; absent members give null, an empty list or -1
     */
    public static Citation of(JsonNode node) {
        if (node.has("type")) {
            return anthropic(node);
        }
        List<String> text = new ArrayList<>();
        node.path("sourceContent").forEach(c -> {
            if (c.path("text").isTextual()) {
                text.add(c.path("text").asText());
            }
        });
        return new Citation(node.path("title").asText(null), node.path("source").asText(null), text,
                converseLocation(node.path("location")));
    }

    private static Location converseLocation(JsonNode location) {
        if (!location.isObject() || location.isEmpty()) {
            return null;
        }
        String member = location.fieldNames().next();
        JsonNode l = location.path(member);
        Kind kind = switch (member) {
            case "documentChar" -> Kind.DOCUMENT_CHAR;
            case "documentPage" -> Kind.DOCUMENT_PAGE;
            case "documentChunk" -> Kind.DOCUMENT_CHUNK;
            case "web" -> Kind.WEB;
            case "searchResultLocation" -> Kind.SEARCH_RESULT;
            default -> Kind.UNKNOWN;
        };
        int index = l.has("searchResultIndex") ? l.path("searchResultIndex").asInt(-1) : l.path("documentIndex").asInt(-1);
        return new Location(kind, index, l.path("start").asInt(-1), l.path("end").asInt(-1), l.path("url").asText(null),
                l.path("domain").asText(null));
    }

    private static Citation anthropic(JsonNode node) {
        String type = node.path("type").asText();
        Kind kind = switch (type) {
            case "char_location" -> Kind.DOCUMENT_CHAR;
            case "page_location" -> Kind.DOCUMENT_PAGE;
            case "content_block_location" -> Kind.DOCUMENT_CHUNK;
            case "web_search_result_location" -> Kind.WEB;
            case "search_result_location" -> Kind.SEARCH_RESULT;
            default -> Kind.UNKNOWN;
        };
        String prefix = switch (kind) {
            case DOCUMENT_CHAR -> "_char_index";
            case DOCUMENT_PAGE -> "_page_number";
            default -> "_block_index";
        };
        int index = node.has("search_result_index") ? node.path("search_result_index").asInt(-1)
                : node.path("document_index").asInt(-1);
        List<String> text = node.path("cited_text").isTextual() ? List.of(node.path("cited_text").asText()) : List.of();
        return new Citation(node.path("document_title").asText(node.path("title").asText(null)),
                node.path("source").asText(null), text, new Location(kind, index, node.path("start" + prefix).asInt(-1),
                        node.path("end" + prefix).asInt(-1), node.path("url").asText(null), null));
    }
}
