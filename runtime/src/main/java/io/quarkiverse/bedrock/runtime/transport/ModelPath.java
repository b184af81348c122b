package io.quarkiverse.bedrock.runtime.transport;

import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.runtime.auth.PercentEncoding;

/** The model id as it goes into the request path. */
public final class ModelPath {

    private ModelPath() {
    }

    /**
     * @param modelId the model id
     * @return the id percent-encoded once, as the AWS SDK does for a path label ({@code :} to {@code %3A}, {@code /} to
     *         {@code %2F})
     */
    public static String encode(ModelId modelId) {
        return PercentEncoding.encode(modelId.value(), false);
    }
}
