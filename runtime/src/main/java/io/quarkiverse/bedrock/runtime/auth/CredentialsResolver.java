package io.quarkiverse.bedrock.runtime.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.config.CredentialsConfig;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import io.quarkiverse.bedrock.spi.BedrockKey;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Chooses the credentials of each request; the first source that has some wins:
 * <ol>
 * <li>the request's options ({@code accessKeyId} + {@code secretAccessKey} [+ {@code sessionToken}], or
 * {@code apiKey});</li>
 * <li>the {@link BedrockKeyStore} entry of this client;</li>
 * <li>the configuration, by {@code quarkus.aws-bedrock.credentials.type}: with {@code default}, {@code api-key}, then the
 * static keys, then {@code AWS_BEARER_TOKEN_BEDROCK}, then the AWS default chain; with any other type, only that
 * source.</li>
 * </ol>
 * Sources that may do I/O (default chain, profile, container, instance, process) are asked on a worker thread when the
 * caller is a Vert.x event loop. Credentials are resolved for every request, so a rotated key or refreshed temporary
 * credentials are picked up without restart.
 */
public class CredentialsResolver {

    /** The properties of a profile that give credentials: keys, SSO, a process, a role to assume, web identity. */
    private static final List<String> CREDENTIAL_PROFILE_PROPERTIES = List.of(ProfileProperty.AWS_ACCESS_KEY_ID,
            "sso_session", ProfileProperty.SSO_START_URL, ProfileProperty.CREDENTIAL_PROCESS,
            ProfileProperty.ROLE_ARN, ProfileProperty.WEB_IDENTITY_TOKEN_FILE);

    private final CredentialsConfig config;
    private final AwsEnvironment environment;
    private final BedrockKeyStore keyStore;
    private final String clientName;
    private final SdkCredentialSources sdkSources;
    private final AwsProfiles profiles;
    /** {@code quarkus.aws-bedrock[."name"].credentials.}, for messages */
    private final String configPrefix;
    private final Executor blockingExecutor;

    /**
     * A resolver without key store, using the AWS SDK's providers and Mutiny's worker pool.
     *
     * @param config {@code quarkus.aws-bedrock.credentials.*}
     * @param environment the environment to read AWS variables from
     */
    public CredentialsResolver(CredentialsConfig config, AwsEnvironment environment) {
        this(config, environment, new BedrockKeyStore(), BedrockKeyStore.DEFAULT_CLIENT,
                SdkCredentialSources.standard(new AwsProfiles(environment, config.profileName()), config.processCommand()),
                null);
    }

    /**
     * @param config {@code quarkus.aws-bedrock.credentials.*} (of this client)
     * @param environment the environment to read AWS variables from
     * @param keyStore keys set at run time
     * @param clientName the client whose key store entry applies ({@link BedrockKeyStore#DEFAULT_CLIENT} for the default)
     * @param sdkSources the sources backed by AWS SDK providers ({@link SdkCredentialSources#standard})
     * @param blockingExecutor where SDK providers are asked when the caller is an event loop; null for Mutiny's worker
     *        pool
     */
    public CredentialsResolver(CredentialsConfig config, AwsEnvironment environment,
            BedrockKeyStore keyStore, String clientName, SdkCredentialSources sdkSources, Executor blockingExecutor) {
        this.config = config;
        this.environment = environment;
        this.keyStore = keyStore;
        this.clientName = clientName;
        this.configPrefix = ClientSettings.prefix(clientName) + "credentials.";
        this.sdkSources = sdkSources;
        this.profiles = new AwsProfiles(environment, config.profileName());
        this.blockingExecutor = blockingExecutor;
    }

    /**
     * @param options the request's options
     * @return the credentials; a failure with {@link InvalidRequestException} (bad options) or
     *         {@link BedrockConfigurationException} (nothing usable configured) names what to fix
     */
    public Uni<AwsAuth> resolve(BedrockOptions options) {
        return Uni.createFrom().deferred(() -> {
            Optional<AwsAuth> fromOptions = fromOptions(options);
            if (fromOptions.isPresent()) {
                return Uni.createFrom().item(fromOptions.get());
            }
            Optional<BedrockKey> stored = keyStore.get(clientName);
            if (stored.isPresent()) {
                return Uni.createFrom().item(AwsAuth.of(stored.get(), "key store (" + clientName + ")"));
            }
            return fromConfiguration();
        });
    }

    private Uni<AwsAuth> fromConfiguration() {
        CredentialsType type = config.type();
        switch (type) {
            case DEFAULT:
                Optional<AwsAuth> configured = configuredApiKey().or(this::configuredKeys);
                if (configured.isPresent()) {
                    return Uni.createFrom().item(configured.get());
                }
                Optional<String> bearer = environment.env("AWS_BEARER_TOKEN_BEDROCK");
                if (bearer.isPresent()) {
                    return Uni.createFrom().item(new AwsAuth.Bearer(bearer.get(), "AWS_BEARER_TOKEN_BEDROCK"));
                }
                return fromSdk(CredentialsType.DEFAULT, "the AWS default credentials chain",
                        "No AWS credentials found: set " + configPrefix + "access-key-id and " + configPrefix
                                + "secret-access-key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or " + configPrefix
                                + "api-key (or AWS_BEARER_TOKEN_BEDROCK), or an AWS profile");
            case STATIC:
                return required(configuredKeys(), configPrefix + "type=static needs "
                        + configPrefix + "access-key-id and " + configPrefix + "secret-access-key: set both");
            case API_KEY:
                return required(configuredApiKey(), configPrefix + "type=api-key needs " + configPrefix
                        + "api-key: set it to a Bedrock API key");
            case ENV_VARIABLE:
                return required(keys(environment.env("AWS_ACCESS_KEY_ID"), environment.env("AWS_SECRET_ACCESS_KEY"),
                        environment.env("AWS_SESSION_TOKEN"), "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                        "environment variables", BedrockConfigurationException::new),
                        configPrefix + "type=env-variable needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY:"
                                + " set both in the environment");
            case SYSTEM_PROPERTY:
                return required(keys(environment.property("aws.accessKeyId"),
                        environment.property("aws.secretAccessKey").or(() -> environment.property("aws.secretKey")),
                        environment.property("aws.sessionToken"), "aws.accessKeyId", "aws.secretAccessKey",
                        "system properties", BedrockConfigurationException::new),
                        configPrefix + "type=system-property needs the aws.accessKeyId and"
                                + " aws.secretAccessKey system properties: set both");
            case PROFILE:
                return fromSdk(type, "AWS profile", configPrefix + "type=profile found no credentials in the"
                        + " AWS profile: check ~/.aws/credentials and ~/.aws/config, or set " + configPrefix + "profile-name");
            case CONTAINER:
                return fromSdk(type, "container credentials", configPrefix + "type=container found no"
                        + " container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI must be set");
            case INSTANCE_PROFILE:
                return fromSdk(type, "EC2 instance profile", configPrefix + "type=instance-profile found no"
                        + " instance profile credentials: the EC2 metadata service did not answer with a role");
            case PROCESS:
                return fromSdk(type, "credential process", configPrefix + "type=process: the command of "
                        + configPrefix + "process-command did not print credentials");
            default:
                throw new BedrockConfigurationException("Unsupported " + configPrefix + "type " + type);
        }
    }

    /**
     * Checks the configured credentials without resolving them, so that a half-set key pair or a type without the
     * values it needs stops the application at startup with the property to fix: the same checks a request makes.
     *
     * @throws BedrockConfigurationException naming the property to fix
     */
    public void checkConfiguration() {
        configuredKeys();
        switch (config.type()) {
            case STATIC -> required(configuredKeys(), configPrefix + "type=static needs " + configPrefix
                    + "access-key-id and " + configPrefix + "secret-access-key: set both");
            case API_KEY -> required(configuredApiKey(), configPrefix + "type=api-key needs " + configPrefix
                    + "api-key: set it to a Bedrock API key");
            default -> {
            }
        }
    }

    /**
     * Where this client's credentials would come from when a request names none, found in the order {@link #resolve}
     * asks and without network I/O: Dev Services starts the emulator only when there is none, and the Dev UI shows it.
     * The EC2 instance profile of the default chain is not reported, since only the metadata service could tell.
     *
     * @return the source (never a secret), or empty when no source has credentials
     */
    public Optional<String> ambientSource() {
        if (keyStore.get(clientName).isPresent()) {
            return Optional.of("key store (" + clientName + ")");
        }
        Optional<String> configuredApiKey = config.apiKey().filter(k -> !k.isBlank()).map(k -> configPrefix + "api-key");
        Optional<String> configuredKeys = config.accessKeyId().filter(k -> !k.isBlank())
                .map(k -> configPrefix.substring(0, configPrefix.length() - 1));
        switch (config.type()) {
            case DEFAULT:
                return configuredApiKey.or(() -> configuredKeys)
                        .or(() -> environment.env("AWS_BEARER_TOKEN_BEDROCK").map(v -> "AWS_BEARER_TOKEN_BEDROCK"))
                        .or(this::defaultChainSource);
            case STATIC:
                return configuredKeys;
            case API_KEY:
                return configuredApiKey;
            case ENV_VARIABLE:
                return environment.env("AWS_ACCESS_KEY_ID").map(v -> "AWS_ACCESS_KEY_ID");
            case SYSTEM_PROPERTY:
                return environment.property("aws.accessKeyId").map(v -> "the aws.accessKeyId system property");
            case PROFILE:
                return profileSource();
            case CONTAINER:
                return containerSource();
            case PROCESS:
                return config.processCommand().filter(c -> !c.isBlank()).map(c -> configPrefix + "process-command");
            default:
                return Optional.of(config.type().name().toLowerCase().replace('_', '-') + " credentials (" + configPrefix
                        + "type)");
        }
    }

    /** The AWS SDK default chain's sources that can be seen without network I/O, in the chain's order. */
    private Optional<String> defaultChainSource() {
        return environment.property("aws.accessKeyId").map(v -> "the aws.accessKeyId system property")
                .or(() -> environment.env("AWS_ACCESS_KEY_ID").map(v -> "AWS_ACCESS_KEY_ID"))
                .or(() -> environment.env("AWS_WEB_IDENTITY_TOKEN_FILE")
                        .or(() -> environment.property("aws.webIdentityTokenFile"))
                        .map(v -> "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)"))
                .or(this::profileSource)
                .or(this::containerSource);
    }

    private Optional<String> profileSource() {
        String name = profiles.profileName();
        return profiles.files().get().profile(name)
                .filter(profile -> CREDENTIAL_PROFILE_PROPERTIES.stream().anyMatch(p -> profile.property(p).isPresent()))
                .map(profile -> "AWS profile '" + name + "'");
    }

    private Optional<String> containerSource() {
        return environment.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .or(() -> environment.env("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
                .map(v -> "container credentials (AWS_CONTAINER_CREDENTIALS_*_URI)");
    }

    private static Uni<AwsAuth> required(Optional<AwsAuth> auth, String missing) {
        if (auth.isEmpty()) {
            throw new BedrockConfigurationException(missing);
        }
        return Uni.createFrom().item(auth.get());
    }

    private Uni<AwsAuth> fromSdk(CredentialsType type, String source, String missing) {
        Uni<AwsAuth> uni = Uni.createFrom().item(() -> {
            AwsCredentialsProvider provider = sdkSources.provider(type);
            AwsCredentialsIdentity identity = provider.resolveCredentials();
            if (identity == null || identity.accessKeyId() == null || identity.accessKeyId().isBlank()
                    || identity.secretAccessKey() == null || identity.secretAccessKey().isBlank()) {
                throw new BedrockConfigurationException(missing + " (" + source + " gave an incomplete key pair)");
            }
            return (AwsAuth) new AwsAuth.SigV4(identity, source);
        });
        if (Context.isOnEventLoopThread()) {
            uni = uni.runSubscriptionOn(blockingExecutor != null ? blockingExecutor : Infrastructure.getDefaultWorkerPool());
        }
        return uni.onFailure(e -> !(e instanceof BedrockException))
                .transform(e -> new BedrockConfigurationException(missing + "; " + source + " said: " + firstLine(e)));
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        message = nl < 0 ? message : message.substring(0, nl);
        return message.length() > 600 ? message.substring(0, 600) + "..." : message;
    }

    private Optional<AwsAuth> configuredApiKey() {
        return config.apiKey().filter(k -> !k.isBlank())
                .map(k -> new AwsAuth.Bearer(k, configPrefix + "api-key"));
    }

    private Optional<AwsAuth> configuredKeys() {
        return keys(config.accessKeyId(), config.secretAccessKey(), config.sessionToken(), configPrefix + "access-key-id",
                configPrefix + "secret-access-key", configPrefix.substring(0, configPrefix.length() - 1),
                BedrockConfigurationException::new);
    }

    private Optional<AwsAuth> fromOptions(BedrockOptions options) {
        if (options.apiKey().isPresent()) {
            if (options.apiKey().get().isBlank()) {
                throw new InvalidRequestException("The api_key option is empty: give the Bedrock API key, or leave it unset");
            }
            return Optional.of(new AwsAuth.Bearer(options.apiKey().get(), "request option api_key"));
        }
        return keys(options.accessKeyId(), options.secretAccessKey(), options.sessionToken(),
                "access_key_id option", "secret_access_key option", "request options", InvalidRequestException::new);
    }

    private static Optional<AwsAuth> keys(Optional<String> keyId, Optional<String> secret, Optional<String> token,
            String keyIdName, String secretName, String source, Function<String, BedrockException> error) {
        if (keyId.isEmpty() && secret.isEmpty()) {
            if (token.isPresent() && !token.get().isBlank()) {
                throw error.apply("A session token is set in " + source + " but " + keyIdName + " and " + secretName
                        + " are missing: set all three for temporary credentials");
            }
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

    @Override
    public String toString() {
        return "CredentialsResolver[type=" + config.type() + ", client=" + clientName + "]";
    }
}
