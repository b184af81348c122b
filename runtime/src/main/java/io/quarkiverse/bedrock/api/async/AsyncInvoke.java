package io.quarkiverse.bedrock.api.async;

import java.time.Instant;

/**
 * An asynchronous invocation, as GetAsyncInvoke and ListAsyncInvokes describe it.
 *
 * @param invocationArn its ARN
 * @param modelArn the model's ARN
 * @param clientRequestToken the idempotency token it was started with, may be null
 * @param status its state
 * @param rawStatus the status as Bedrock sent it
 * @param failureMessage why it failed, null unless {@link AsyncInvokeStatus#FAILED}
 * @param submitTime when it was submitted
 * @param lastModifiedTime when it last changed, may be null
 * @param endTime when it finished, null while in progress
 * @param outputS3Uri where the output is written ({@code s3://...})
 * @param kmsKeyId the KMS key of the output, may be null
 * @param bucketOwner the account owning the output bucket, may be null
 */
public record AsyncInvoke(String invocationArn, String modelArn, String clientRequestToken, AsyncInvokeStatus status,
        String rawStatus, String failureMessage, Instant submitTime, Instant lastModifiedTime, Instant endTime,
        String outputS3Uri, String kmsKeyId, String bucketOwner) {
}
