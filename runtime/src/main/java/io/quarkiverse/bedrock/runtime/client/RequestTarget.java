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
 * @param uri the exact URI that goes on the wire: {@code <base>/model/<encoded id>/<operation>}
 */
record RequestTarget(String region, URI base, String encodedModelId, String operation, URI uri) {

    /**
     * @param region the resolved region
     * @param endpointOverride the configured endpoint, if any
     * @param modelId the model id
     * @param operation the operation path segment
     * @return the target
     */
    static RequestTarget of(String region, Optional<URI> endpointOverride, ModelId modelId, String operation) {
        URI base = BedrockEndpoint.baseUri(region, endpointOverride);
        String encodedModelId = ModelPath.encode(modelId);
        return new RequestTarget(region, base, encodedModelId, operation, uri(base, encodedModelId, operation));
    }

    private static URI uri(URI base, String encodedModelId, String operation) {
        String b = base.toString();
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == '/') {
            end--;
        }
        return URI.create(b.substring(0, end) + "/model/" + encodedModelId + "/" + operation);
    }

    /**
     * The targets of a client's recent calls, so that calling the same model again does not build and parse its URI
     * again (about 1 KB per call). Direct-mapped on the region, model and operation; thread-safe without locks (a slot
     * holds an immutable entry, a race only builds a target twice).
     */
    static final class Recent {

        private static final int SLOTS = 16;

        private record Entry(String region, String modelId, String operation, RequestTarget target) {
        }

        private final Optional<URI> endpointOverride;
        private final Entry[] entries = new Entry[SLOTS];

        /** @param endpointOverride the client's configured endpoint, if any */
        Recent(Optional<URI> endpointOverride) {
            this.endpointOverride = endpointOverride;
        }

        /** @return the target of a call, as {@link RequestTarget#of} makes it */
        RequestTarget of(String region, ModelId modelId, String operation) {
            String id = modelId.value();
            int slot = ((region.hashCode() * 31 + id.hashCode()) * 31 + operation.hashCode()) & (SLOTS - 1);
            Entry e = entries[slot];
            if (e != null && e.region().equals(region) && e.modelId().equals(id) && e.operation().equals(operation)) {
                return e.target();
            }
            RequestTarget target = RequestTarget.of(region, endpointOverride, modelId, operation);
            entries[slot] = new Entry(region, id, operation, target);
            return target;
        }
    }
}
