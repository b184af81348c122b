package io.quarkiverse.bedrock.runtime.client;

import java.net.URI;
import java.util.Optional;

import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.runtime.transport.ModelPath;

/**
 * Where one call goes: the signing region, the endpoint, the encoded model id and the operation.
 *
 * @param region the region the call is signed for
 * @param base the endpoint's base URI
 * @param encodedModelId the model id as it goes into the path
 * @param operation the operation path segment ({@code converse}, {@code invoke-with-response-stream}...)
 */
record RequestTarget(String region, URI base, String encodedModelId, String operation) {

    /**
     * @param region the resolved region
     * @param endpointOverride the configured endpoint, if any
     * @param modelId the model id
     * @param operation the operation path segment
     * @return the target
     */
    static RequestTarget of(String region, Optional<URI> endpointOverride, ModelId modelId, String operation) {
        return new RequestTarget(region, BedrockEndpoint.baseUri(region, endpointOverride), ModelPath.encode(modelId),
                operation);
    }

    /** @return the exact URI that goes on the wire: {@code <base>/model/<encoded id>/<operation>} */
    URI uri() {
        String b = base.toString();
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == '/') {
            end--;
        }
        return URI.create(b.substring(0, end) + "/model/" + encodedModelId + "/" + operation);
    }
}
