package io.quarkiverse.bedrock.api.async;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * A StartAsyncInvoke request: a model's native input, run in the background, written to S3. Build it with
 * {@link #builder(String, JsonNode, String)}.
 *
 * @param modelId the model id or ARN
 * @param modelInput the model's native request body (e.g. a Nova Reel or Nova embeddings body)
 * @param outputS3Uri where to write the output, {@code s3://bucket/prefix}
 * @param kmsKeyId the KMS key to encrypt the output, may be null
 * @param bucketOwner the account owning the bucket, may be null
 * @param clientRequestToken an idempotency token: starting twice with the same token starts one invocation; may be null
 * @param tags tags of the invocation
 * @param options per-request region and credentials
 */
public record StartAsyncInvokeRequest(String modelId, JsonNode modelInput, String outputS3Uri, String kmsKeyId,
        String bucketOwner, String clientRequestToken, Map<String, String> tags, BedrockOptions options) {

    /** Checks the request. */
    public StartAsyncInvokeRequest {
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidRequestException("StartAsyncInvoke needs a model id");
        }
        if (modelInput == null || !modelInput.isObject()) {
            throw new InvalidRequestException("StartAsyncInvoke needs the model input as a JSON object");
        }
        if (outputS3Uri == null || !outputS3Uri.matches("s3://[a-z0-9][.\\-a-z0-9]{1,61}[a-z0-9](/.*)?")) {
            throw new InvalidRequestException("The output location must be an S3 URI like s3://my-bucket/prefix, not '"
                    + outputS3Uri + "'");
        }
        if (clientRequestToken != null && !clientRequestToken.matches("[a-zA-Z0-9]([-_a-zA-Z0-9]){0,255}")) {
            throw new InvalidRequestException("The client request token must be 1 to 256 letters, digits, '-' or '_'");
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        options = options == null ? BedrockOptions.NONE : options;
    }

    /**
     * @param modelId the model id or ARN
     * @param modelInput the model's native request body
     * @param outputS3Uri where to write the output
     * @return a builder
     */
    public static Builder builder(String modelId, JsonNode modelInput, String outputS3Uri) {
        return new Builder(modelId, modelInput, outputS3Uri);
    }

    /** Builds a {@link StartAsyncInvokeRequest}. */
    public static final class Builder {
        private final String modelId;
        private final JsonNode modelInput;
        private final String outputS3Uri;
        private String kmsKeyId;
        private String bucketOwner;
        private String clientRequestToken;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private BedrockOptions options = BedrockOptions.NONE;

        private Builder(String modelId, JsonNode modelInput, String outputS3Uri) {
            this.modelId = modelId;
            this.modelInput = modelInput;
            this.outputS3Uri = outputS3Uri;
        }

        /** @param kmsKeyId the KMS key of the output @return this builder */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /** @param bucketOwner the account owning the bucket @return this builder */
        public Builder bucketOwner(String bucketOwner) {
            this.bucketOwner = bucketOwner;
            return this;
        }

        /** @param token an idempotency token @return this builder */
        public Builder clientRequestToken(String token) {
            this.clientRequestToken = token;
            return this;
        }

        /** @param key a tag key @param value its value @return this builder */
        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** @param options per-request region and credentials @return this builder */
        public Builder options(BedrockOptions options) {
            this.options = options;
            return this;
        }

        /** @return the request; fails with {@link InvalidRequestException} when it is not valid */
        public StartAsyncInvokeRequest build() {
            return new StartAsyncInvokeRequest(modelId, modelInput, outputS3Uri, kmsKeyId, bucketOwner,
                    clientRequestToken, tags, options);
        }
    }
}
