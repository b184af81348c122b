package io.quarkiverse.bedrock.runtime.config;

/** Sources of credentials, {@code quarkus.aws-bedrock.credentials.type}. */
public enum CredentialsType {
    /** Static keys from this configuration when set, else the AWS default chain. */
    DEFAULT,
    /** The static keys of this configuration. */
    STATIC,
    /** The Bedrock API key of this configuration (`api-key`). */
    API_KEY,
    /** `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`. */
    ENV_VARIABLE,
    /** The `aws.accessKeyId`, `aws.secretAccessKey` and `aws.sessionToken` system properties. */
    SYSTEM_PROPERTY,
    /** A profile of the AWS shared configuration files. */
    PROFILE,
    /** ECS/EKS container credentials. */
    CONTAINER,
    /** EC2 instance profile credentials (IMDS). */
    INSTANCE_PROFILE,
    /** An external process (`credential_process`). */
    PROCESS
}
