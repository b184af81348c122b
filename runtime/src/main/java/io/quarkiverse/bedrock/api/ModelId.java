package io.quarkiverse.bedrock.api;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * A Bedrock model identifier: a foundation model id ({@code anthropic.claude-3-haiku-20240307-v1:0}), an inference
 * profile id ({@code global.anthropic.claude-sonnet-4-5-20250929-v1:0}) or an ARN.
 *
 * @param value the id as it goes into the request path, without any {@code bedrock:} or {@code amazon_bedrock:} prefix
 */
public record ModelId(String value) {

    private static final String[] SPEC_PREFIXES = { "amazon_bedrock:", "bedrock:" };

    /** Rejects ids that cannot name a model. */
    public ModelId {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(
                    "The model id is missing: set it with ChatRequest.builder().model(\"bedrock:<model-id>\")");
        }
        if (value.contains("..") || value.equals("/") || value.startsWith("/") || hasWhitespaceOrControl(value)) {
            throw new InvalidRequestException("The model id '" + printable(value)
                    + "' is not valid: use a Bedrock model id, inference profile id or ARN without spaces, control characters or '..'");
        }
    }

    /**
     * Parses a model spec: {@code bedrock:<model-id>}, {@code amazon_bedrock:<model-id>} or a bare id.
     *
     * @param spec the spec
     * @return the model id
     * @throws InvalidRequestException when the id is missing or malformed
     */
    public static ModelId parse(String spec) {
        if (spec != null) {
            for (String prefix : SPEC_PREFIXES) {
                if (spec.startsWith(prefix)) {
                    return new ModelId(spec.substring(prefix.length()));
                }
            }
        }
        return new ModelId(spec);
    }

    private static boolean hasWhitespaceOrControl(String s) {
        return s.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
