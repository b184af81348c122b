package io.quarkiverse.bedrock.testing;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Bedrock's limits of a Converse {@code requestMetadata}: 1 to 16 pairs, keys 1 to 256 and values 0 to 256 characters. */
final class RequestMetadataRule {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9\\s:_@$#=/+,\\-.]{1,256}");
    private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9\\s:_@$#=/+,\\-.]{0,256}");

    private RequestMetadataRule() {
    }

    /** @param request a Converse request; throws the ValidationException Bedrock would give */
    static void check(JsonNode request) {
        JsonNode metadata = request.get("requestMetadata");
        if (metadata == null) {
            return;
        }
        if (!metadata.isObject() || metadata.isEmpty() || metadata.size() > 16) {
            throw BadRequest.validation("1 validation error detected: Value at 'requestMetadata' failed to satisfy"
                    + " constraint: Member must have length less than or equal to 16");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEY.matcher(e.getKey()).matches() || !e.getValue().isTextual()
                    || !VALUE.matcher(e.getValue().asText()).matches()) {
                throw BadRequest.validation("1 validation error detected: Value at 'requestMetadata' failed to satisfy"
                        + " constraint: Map keys and values must satisfy regular expression pattern:"
                        + " [a-zA-Z0-9\\s:_@$#=/+,-.]{0,256}");
            }
        }
    }
}
