package io.quarkiverse.bedrock.runtime.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * The credential sources that may do I/O, backed by the AWS SDK's providers (which cache credentials and refresh them
 * before they expire). One provider per type, created on first use and kept, so that its cache is reused.
 */
@FunctionalInterface
public interface SdkCredentialSources {

    /**
     * @param type {@link CredentialsType#DEFAULT} (the AWS default chain), {@code PROFILE}, {@code CONTAINER},
     *        {@code INSTANCE_PROFILE} or {@code PROCESS}
     * @return the provider of that source; its {@code resolveCredentials()} may block
     */
    AwsCredentialsProvider provider(CredentialsType type);

    /**
     * @param profiles the AWS shared configuration files and profile name
     * @param processCommand {@code quarkus.aws-bedrock.credentials.process-command}
     * @return the SDK providers
     */
    static SdkCredentialSources standard(AwsProfiles profiles, Optional<String> processCommand) {
        Map<CredentialsType, AwsCredentialsProvider> cache = new ConcurrentHashMap<>();
        return type -> cache.computeIfAbsent(type, t -> switch (t) {
            case DEFAULT -> DefaultCredentialsProvider.builder().profileFile(profiles.files())
                    .profileName(profiles.profileName()).build();
            case PROFILE -> ProfileCredentialsProvider.builder().profileFile(profiles.files())
                    .profileName(profiles.profileName()).build();
            case CONTAINER -> ContainerCredentialsProvider.builder().build();
            case INSTANCE_PROFILE -> InstanceProfileCredentialsProvider.builder().profileFile(profiles.files())
                    .profileName(profiles.profileName()).build();
            case PROCESS -> ProcessCredentialsProvider.builder()
                    .command(processCommand.filter(c -> !c.isBlank()).orElseThrow(() -> new BedrockConfigurationException(
                            "quarkus.aws-bedrock.credentials.type=process needs quarkus.aws-bedrock.credentials.process-command:"
                                    + " set it to a command printing credentials as JSON")))
                    .build();
            default -> throw new IllegalArgumentException(t + " is not an SDK-backed credential source");
        });
    }
}
