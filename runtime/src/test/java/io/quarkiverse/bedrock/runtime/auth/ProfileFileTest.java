package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Credentials and region from a temporary {@code ~/.aws} (credentials + config), read by the AWS SDK's profile provider
 * through {@link AwsProfiles}; the home directory and {@code AWS_PROFILE} come from a test environment.
 */
class ProfileFileTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void writeProfiles() throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIDDEFAULTPROFILE
                aws_secret_access_key = default-profile-secret

                [dev]
                aws_access_key_id = ASIADEVPROFILE
                aws_secret_access_key = dev-profile-secret
                aws_session_token = dev-profile-token
                """);
        Files.writeString(aws.resolve("config"), """
                [default]
                region = eu-west-3

                [profile dev]
                region = ap-northeast-1
                """);
        env.put("HOME", home.toString());
    }

    private AwsProfiles profiles(Optional<String> configured) {
        return new AwsProfiles(AwsEnvironment.of(env, Map.of()), configured);
    }

    private AwsAuth resolve(TestCredentialsConfig config) {
        AwsProfiles profiles = profiles(config.profileName());
        return new CredentialsResolver(config, AwsEnvironment.of(env, Map.of()), new BedrockKeyStore(),
                BedrockKeyStore.DEFAULT_CLIENT, SdkCredentialSources.standard(profiles, Optional.empty()), null)
                .resolve(BedrockOptions.NONE).await().atMost(Duration.ofSeconds(10));
    }

    private String region(Optional<String> configuredProfile) {
        return new RegionResolver(Optional.empty(), AwsEnvironment.of(env, Map.of()), new BedrockKeyStore(),
                BedrockKeyStore.DEFAULT_CLIENT, profiles(configuredProfile)).resolve(BedrockOptions.NONE);
    }

    @Test
    void defaultProfileCredentialsAndRegion() {
        AwsAuth auth = resolve(TestCredentialsConfig.none().withType(CredentialsType.PROFILE));
        assertThat(((AwsAuth.SigV4) auth).identity().accessKeyId()).isEqualTo("AKIDDEFAULTPROFILE");
        assertThat(((AwsAuth.SigV4) auth).identity().secretAccessKey()).isEqualTo("default-profile-secret");
        assertThat(region(Optional.empty())).isEqualTo("eu-west-3");
    }

    @Test
    void awsProfileSelectsTheProfileWithItsSessionTokenAndRegion() {
        env.put("AWS_PROFILE", "dev");
        AwsAuth auth = resolve(TestCredentialsConfig.none().withType(CredentialsType.PROFILE));
        assertThat(((AwsAuth.SigV4) auth).identity()).isInstanceOfSatisfying(AwsSessionCredentialsIdentity.class,
                id -> assertThat(id.sessionToken()).isEqualTo("dev-profile-token"));
        assertThat(region(Optional.empty())).isEqualTo("ap-northeast-1");
    }

    @Test
    void configuredProfileNameWinsOverAwsProfile() {
        env.put("AWS_PROFILE", "dev");
        AwsAuth auth = resolve(TestCredentialsConfig.none().withType(CredentialsType.PROFILE).withProfileName("default"));
        assertThat(((AwsAuth.SigV4) auth).identity().accessKeyId()).isEqualTo("AKIDDEFAULTPROFILE");
        assertThat(region(Optional.of("default"))).isEqualTo("eu-west-3");
    }

    @Test
    void environmentRegionWinsOverTheProfileRegion() {
        env.put("AWS_REGION", "us-west-2");
        assertThat(region(Optional.empty())).isEqualTo("us-west-2");
    }

    @Test
    void explicitFileLocations() throws IOException {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("creds"), "[default]\naws_access_key_id = AKIDELSEWHERE\n"
                + "aws_secret_access_key = elsewhere-secret\n");
        Files.writeString(elsewhere.resolve("conf"), "[default]\nregion = sa-east-1\n");
        env.put("AWS_SHARED_CREDENTIALS_FILE", elsewhere.resolve("creds").toString());
        env.put("AWS_CONFIG_FILE", elsewhere.resolve("conf").toString());
        AwsAuth auth = resolve(TestCredentialsConfig.none().withType(CredentialsType.PROFILE));
        assertThat(((AwsAuth.SigV4) auth).identity().accessKeyId()).isEqualTo("AKIDELSEWHERE");
        assertThat(region(Optional.empty())).isEqualTo("sa-east-1");
    }

    @Test
    void rewrittenCredentialsFileIsReadAgain() throws IOException {
        TestCredentialsConfig config = TestCredentialsConfig.none().withType(CredentialsType.PROFILE);
        AwsProfiles profiles = profiles(Optional.empty());
        CredentialsResolver resolver = new CredentialsResolver(config, AwsEnvironment.of(env, Map.of()),
                new BedrockKeyStore(), BedrockKeyStore.DEFAULT_CLIENT, SdkCredentialSources.standard(profiles,
                        Optional.empty()),
                null);
        assertThat(((AwsAuth.SigV4) resolver.resolve(BedrockOptions.NONE).await().indefinitely()).identity().accessKeyId())
                .isEqualTo("AKIDDEFAULTPROFILE");
        Path credentials = home.resolve(".aws/credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIDROTATED\naws_secret_access_key = rotated\n");
        Files.setLastModifiedTime(credentials, FileTime.from(Instant.now().plusSeconds(60)));
        // the SDK's reloading supplier looks at the file's modification time at most about once a second
        String keyId = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); System.nanoTime() < deadline;) {
            keyId = ((AwsAuth.SigV4) resolver.resolve(BedrockOptions.NONE).await().indefinitely()).identity()
                    .accessKeyId();
            if (keyId.equals("AKIDROTATED")) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        assertThat(keyId).isEqualTo("AKIDROTATED");
    }

    @Test
    void unknownProfileIsAConfigurationError() {
        env.put("AWS_PROFILE", "nope");
        assertThatThrownBy(() -> resolve(TestCredentialsConfig.none().withType(CredentialsType.PROFILE)))
                .isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("profile");
        assertThat(region(Optional.empty())).isEqualTo(RegionResolver.DEFAULT_REGION);
    }

    @Test
    void invalidProfileRegionIsRejected() throws IOException {
        Files.writeString(home.resolve(".aws/config"), "[default]\nregion = us-east-1.evil.example\n");
        assertThatThrownBy(() -> region(Optional.empty())).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("AWS profile 'default'").hasMessageContaining("not an AWS region");
    }

    @Test
    void defaultChainReachesTheProfile() {
        // the SDK's chain reads the real environment before the profile: only meaningful when it holds no AWS keys
        Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null,
                "the real environment has AWS credentials");
        env.put("AWS_PROFILE", "dev");
        AwsAuth auth = resolve(TestCredentialsConfig.none());
        assertThat(((AwsAuth.SigV4) auth).identity().accessKeyId()).isEqualTo("ASIADEVPROFILE");
        assertThat(((AwsAuth.SigV4) auth).source()).isEqualTo("the AWS default credentials chain");
    }

    @Test
    void defaultChainWithNothingToFindNamesWhatToSet() throws IOException {
        Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null,
                "the real environment has AWS credentials");
        env.put("HOME", Files.createDirectories(home.resolve("empty-home")).toString());
        // no instance metadata lookup: tests only talk to loopback
        String previous = System.setProperty("aws.disableEc2Metadata", "true");
        try {
            assertThatThrownBy(() -> resolve(TestCredentialsConfig.none()))
                    .isInstanceOf(BedrockConfigurationException.class)
                    .hasMessageContaining("No AWS credentials found")
                    .hasMessageContaining("quarkus.aws-bedrock.credentials.access-key-id")
                    .hasMessageContaining("the AWS default credentials chain said:");
        } finally {
            if (previous == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", previous);
            }
        }
    }
}
