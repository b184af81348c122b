package io.quarkiverse.bedrock.auth;

import java.util.Optional;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.config.BedrockConfig;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Chooses the credentials of a request: the request's options, then the configuration, then the environment, then the
 * AWS default chain.
 */
public class CredentialsResolver {

    private final BedrockConfig.CredentialsConfig config;
    private final AwsEnvironment environment;
    private volatile DefaultCredentialsProvider defaultChain;

    /**
     * @param config {@code quarkus.bedrock.credentials.*}
     * @param environment the environment to read AWS variables from
     */
    public CredentialsResolver(BedrockConfig.CredentialsConfig config, AwsEnvironment environment) {
        this.config = config;
        this.environment = environment;
    }

    /**
     * @param options the request's options
     * @return the credentials, resolved without blocking the caller's thread
     */
    public Uni<AwsAuth> resolve(BedrockOptions options) {
        Optional<AwsAuth> fromOptions = fromOptions(options);
        if (fromOptions.isPresent()) {
            return Uni.createFrom().item(fromOptions.get());
        }
        if (config.apiKey().isPresent()) {
            return Uni.createFrom().item(new AwsAuth.Bearer(config.apiKey().get(), "quarkus.bedrock.credentials.api-key"));
        }
        Optional<AwsAuth> fromConfig = keys(config.accessKeyId(), config.secretAccessKey(), config.sessionToken(),
                "quarkus.bedrock.credentials.access-key-id", "quarkus.bedrock.credentials.secret-access-key",
                "quarkus.bedrock.credentials", BedrockConfigurationException::new);
        if (fromConfig.isPresent()) {
            return Uni.createFrom().item(fromConfig.get());
        }
        Optional<String> bearer = environment.env("AWS_BEARER_TOKEN_BEDROCK");
        if (bearer.isPresent()) {
            return Uni.createFrom().item(new AwsAuth.Bearer(bearer.get(), "AWS_BEARER_TOKEN_BEDROCK"));
        }
        return Uni.createFrom().completionStage(() -> defaultChain().resolveIdentity())
                .onItem().<AwsAuth> transform(id -> new AwsAuth.SigV4(id, "AWS default credentials chain"))
                .onFailure().transform(e -> new BedrockConfigurationException(
                        "No AWS credentials found: set quarkus.bedrock.credentials.access-key-id and"
                                + " quarkus.bedrock.credentials.secret-access-key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY),"
                                + " or quarkus.bedrock.credentials.api-key; the AWS default chain said: " + e.getMessage()));
    }

    private Optional<AwsAuth> fromOptions(BedrockOptions options) {
        if (options.apiKey().isPresent()) {
            return Optional.of(new AwsAuth.Bearer(options.apiKey().get(), "request option api_key"));
        }
        return keys(options.accessKeyId(), options.secretAccessKey(), options.sessionToken(),
                "access_key_id", "secret_access_key", "request options", InvalidRequestException::new);
    }

    private static Optional<AwsAuth> keys(Optional<String> keyId, Optional<String> secret, Optional<String> token,
            String keyIdName, String secretName, String source, java.util.function.Function<String, RuntimeException> error) {
        if (keyId.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        if (keyId.isEmpty() || keyId.get().isBlank()) {
            throw error.apply(secretName + " is set but " + keyIdName + " is missing: set both");
        }
        if (secret.isEmpty() || secret.get().isBlank()) {
            throw error.apply(keyIdName + " is set but " + secretName + " is missing or empty: set both");
        }
        AwsCredentialsIdentity id = token.filter(t -> !t.isBlank())
                .<AwsCredentialsIdentity> map(t -> AwsSessionCredentialsIdentity.create(keyId.get(), secret.get(), t))
                .orElseGet(() -> AwsCredentialsIdentity.create(keyId.get(), secret.get()));
        return Optional.of(new AwsAuth.SigV4(id, source));
    }

    private DefaultCredentialsProvider defaultChain() {
        DefaultCredentialsProvider chain = defaultChain;
        if (chain == null) {
            synchronized (this) {
                if (defaultChain == null) {
                    defaultChain = DefaultCredentialsProvider.builder().build();
                }
                chain = defaultChain;
            }
        }
        return chain;
    }
}
