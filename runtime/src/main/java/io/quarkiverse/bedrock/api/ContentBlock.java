package io.quarkiverse.bedrock.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * One block of a message's content: text, a tool call, a tool result, an image, a document, or the model's reasoning.
 * A sealed hierarchy, so a {@code switch} over its records covers every case.
 */
public sealed interface ContentBlock {

    /** Largest image Bedrock accepts in a message, in bytes. */
    int MAX_IMAGE_BYTES = 3_750_000;
    /** Largest document Bedrock accepts in a message, in bytes. */
    int MAX_DOCUMENT_BYTES = 4_500_000;

    /**
     * Plain text, with the sources it cites when the model answered with citations (documents sent
     * {@link Document#withCitations() with citations enabled}).
     *
     * @param text the text, never null
     * @param citations the sources this text cites, empty for uncited text
     */
    record Text(String text, List<Citation> citations) implements ContentBlock {
        /** Checks the text is present. */
        public Text {
            Objects.requireNonNull(text, "text must not be null");
            citations = List.copyOf(citations);
        }

        /** @param text uncited text, never null */
        public Text(String text) {
            this(text, List.of());
        }
    }

    /**
     * A tool call made by the model, kept in the conversation history so that its result can follow.
     *
     * @param id the tool use id Bedrock assigned
     * @param name the tool's name
     * @param input the arguments, a JSON object
     */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
        /** Checks the fields are present. */
        public ToolUse {
            requireText(id, "tool use id");
            requireText(name, "tool name");
            input = input == null ? JsonNodeFactory.instance.objectNode() : input;
        }
    }

    /**
     * The result of a tool call, sent back in a user message.
     *
     * @param toolUseId the id of the tool call this answers
     * @param content the result: a JSON text node is sent as text, anything else as JSON
     * @param error true when the tool failed and {@code content} describes the failure
     */
    record ToolResult(String toolUseId, JsonNode content, boolean error) implements ContentBlock {
        /** Checks the fields are present. */
        public ToolResult {
            requireText(toolUseId, "tool use id of the tool result");
            Objects.requireNonNull(content, "tool result content must not be null");
        }
    }

    /**
     * An image.
     *
     * @param format the image format
     * @param data the image bytes
     */
    record Image(ImageFormat format, byte[] data) implements ContentBlock {
        /** Checks the image is present and not too large. */
        public Image {
            Objects.requireNonNull(format, "image format must not be null");
            if (data == null || data.length == 0) {
                throw new InvalidRequestException("The image has no bytes");
            }
            if (data.length > MAX_IMAGE_BYTES) {
                throw new InvalidRequestException("The image is " + data.length + " bytes: Bedrock accepts at most "
                        + MAX_IMAGE_BYTES + " bytes per image; resize or compress it");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Image other && other.format == format && Arrays.equals(other.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * format.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Image[" + format + ", " + data.length + " bytes]";
        }
    }

    /**
     * A document.
     *
     * @param format the document format
     * @param name a name for the document (letters, digits, spaces, hyphens, parentheses, square brackets)
     * @param data the document bytes
     * @param citations whether the model may cite it (Converse {@code citations.enabled}): the answer's text blocks
     *        then carry {@link Citation}s and streams send {@link Chunk.Citation} chunks
     */
    record Document(DocumentFormat format, String name, byte[] data, boolean citations) implements ContentBlock {

        /**
         * A document the model does not cite.
         *
         * @param format the document format
         * @param name a name for the document
         * @param data the document bytes
         */
        public Document(DocumentFormat format, String name, byte[] data) {
            this(format, name, data, false);
        }

        /** @return this document, with citations enabled */
        public Document withCitations() {
            return new Document(format, name, data, true);
        }

        /** Checks the document is present, named and not too large. */
        public Document {
            Objects.requireNonNull(format, "document format must not be null");
            requireText(name, "document name");
            if (!name.matches("[\\p{Alnum}\\s\\-()\\[\\]]+")) {
                throw new InvalidRequestException("The document name '" + name
                        + "' may only hold letters, digits, spaces, hyphens, parentheses and square brackets");
            }
            if (data == null || data.length == 0) {
                throw new InvalidRequestException("The document '" + name + "' has no bytes");
            }
            if (data.length > MAX_DOCUMENT_BYTES) {
                throw new InvalidRequestException("The document '" + name + "' is " + data.length
                        + " bytes: Bedrock accepts at most " + MAX_DOCUMENT_BYTES + " bytes per document");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Document other && other.format == format && other.name.equals(name)
                    && Arrays.equals(other.data, data) && other.citations == citations;
        }

        @Override
        public int hashCode() {
            return Objects.hash(format, name, citations) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Document[" + format + ", " + name + ", " + data.length + " bytes" + (citations ? ", citations" : "")
                    + "]";
        }
    }

    /**
     * The model's reasoning (extended thinking), kept so it can be sent back unchanged on the next turn.
     *
     * @param text the reasoning text, null when redacted
     * @param signature the signature authenticating the text, may be null
     * @param redactedData encrypted reasoning (base64), set instead of text when Bedrock redacted it
     */
    record Reasoning(String text, String signature, String redactedData) implements ContentBlock {
    }

    /** Image formats Bedrock accepts. */
    enum ImageFormat {
        /** PNG. */
        PNG,
        /** JPEG. */
        JPEG,
        /** GIF. */
        GIF,
        /** WebP. */
        WEBP;

        /** @return the format name Bedrock uses */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param mediaType a media type such as {@code image/png} (parameters are ignored)
         * @return the format
         * @throws InvalidRequestException when Bedrock does not take images of that type
         */
        public static ImageFormat fromMediaType(String mediaType) {
            String type = baseType(mediaType);
            return switch (type) {
                case "image/png" -> PNG;
                case "image/jpeg", "image/jpg" -> JPEG;
                case "image/gif" -> GIF;
                case "image/webp" -> WEBP;
                default -> throw new InvalidRequestException("Images of type '" + mediaType
                        + "' are not accepted: use image/png, image/jpeg, image/gif or image/webp");
            };
        }
    }

    /** Document formats Bedrock accepts. */
    enum DocumentFormat {
        /** PDF. */
        PDF,
        /** CSV. */
        CSV,
        /** Word (legacy). */
        DOC,
        /** Word. */
        DOCX,
        /** Excel (legacy). */
        XLS,
        /** Excel. */
        XLSX,
        /** HTML. */
        HTML,
        /** Plain text. */
        TXT,
        /** Markdown. */
        MD;

        /** @return the format name Bedrock uses */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param mediaType a media type such as {@code application/pdf} (parameters are ignored)
         * @return the format
         * @throws InvalidRequestException when Bedrock does not take documents of that type
         */
        public static DocumentFormat fromMediaType(String mediaType) {
            return switch (baseType(mediaType)) {
                case "application/pdf" -> PDF;
                case "text/csv" -> CSV;
                case "application/msword" -> DOC;
                case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> DOCX;
                case "application/vnd.ms-excel" -> XLS;
                case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> XLSX;
                case "text/html" -> HTML;
                case "text/plain" -> TXT;
                case "text/markdown" -> MD;
                default -> throw new InvalidRequestException("Documents of type '" + mediaType + "' are not accepted:"
                        + " use PDF, CSV, DOC, DOCX, XLS, XLSX, HTML, TXT or Markdown");
            };
        }
    }

    /**
     * @param mediaType the image's media type, e.g. {@code image/png}
     * @param data the image bytes
     * @return an image block
     * @throws InvalidRequestException when the type is not accepted, or the image is empty or too large
     */
    static Image image(String mediaType, byte[] data) {
        return new Image(ImageFormat.fromMediaType(mediaType), data);
    }

    /**
     * @param name the document's name (letters, digits, spaces, hyphens, parentheses, square brackets)
     * @param mediaType the document's media type, e.g. {@code application/pdf}
     * @param data the document bytes
     * @return a document block
     * @throws InvalidRequestException when the type is not accepted, or the document is empty, too large or badly named
     */
    static Document document(String name, String mediaType, byte[] data) {
        return new Document(DocumentFormat.fromMediaType(mediaType), name, data);
    }

    private static String baseType(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            throw new InvalidRequestException("The attachment has no media type: give one such as image/png");
        }
        int semicolon = mediaType.indexOf(';');
        return (semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text the text
     * @return a text block
     */
    static ContentBlock text(String text) {
        return new Text(text);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("The " + what + " is missing");
        }
    }
}
