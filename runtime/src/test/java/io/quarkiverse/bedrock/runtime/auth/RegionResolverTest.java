package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.spi.BedrockKey;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;

/** Region order (option, key store, configuration, AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1) and validation. */
class RegionResolverTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final BedrockKeyStore store = new BedrockKeyStore();

    private RegionResolver resolver(Optional<String> configured) {
        env.putIfAbsent("HOME", home.toString());
        AwsEnvironment environment = AwsEnvironment.of(env, Map.of());
        return new RegionResolver(configured, environment, store, BedrockKeyStore.DEFAULT_CLIENT,
                new AwsProfiles(environment, Optional.empty()));
    }

    @Test
    void eachSourceInOrder() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[default]\nregion = ca-central-1\n");
        BedrockOptions option = BedrockOptions.builder().region("eu-west-1").build();

        assertThat(resolver(Optional.empty()).resolve(BedrockOptions.NONE)).isEqualTo("ca-central-1");
        env.put("AWS_DEFAULT_REGION", "eu-north-1");
        assertThat(resolver(Optional.empty()).resolve(BedrockOptions.NONE)).isEqualTo("eu-north-1");
        env.put("AWS_REGION", "eu-south-1");
        assertThat(resolver(Optional.empty()).resolve(BedrockOptions.NONE)).isEqualTo("eu-south-1");
        assertThat(resolver(Optional.of("ap-south-1")).resolve(BedrockOptions.NONE)).isEqualTo("ap-south-1");
        store.put(BedrockKey.ofKeys("AKID", "s").withRegion("sa-east-1"));
        assertThat(resolver(Optional.of("ap-south-1")).resolve(BedrockOptions.NONE)).isEqualTo("sa-east-1");
        assertThat(resolver(Optional.of("ap-south-1")).resolve(option)).isEqualTo("eu-west-1");
    }

    @Test
    void defaultIsUsEast1() {
        assertThat(resolver(Optional.empty()).resolve(BedrockOptions.NONE)).isEqualTo("us-east-1");
        assertThat(new RegionResolver(Optional.empty(), AwsEnvironment.of(Map.of("HOME", home.toString()), Map.of()))
                .resolve(BedrockOptions.NONE)).isEqualTo("us-east-1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
            "il-central-1", "mx-central-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "eusc-de-east-1",
            "ap-southeast-7" })
    void realRegionsAreAccepted(String region) {
        assertThat(RegionResolver.isValid(region)).isTrue();
        assertThat(resolver(Optional.empty()).resolve(BedrockOptions.builder().region(region).build())).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = { "us-east-1.evil.example", "x/../", "us-east-1/..", " us-east-1", "us-east-1 ", "us east 1",
            "üs-east-1", "us-east-1\u0000", "us-east-1\n", "US-EAST-1", "us-east", "useast1", "us-east-1:443",
            "evil.example#us-east-1", "us-east-1@evil", "a-b-123", "" })
    void anythingElseIsRejected(String region) {
        assertThat(RegionResolver.isValid(region)).isFalse();
        if (!region.isEmpty()) {
            assertThatThrownBy(() -> resolver(Optional.empty()).resolve(BedrockOptions.builder().region(region).build()))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is not an AWS region")
                    .hasMessageContaining("like us-east-1");
        }
        assertThatThrownBy(() -> resolver(Optional.of(region + "x")).resolve(BedrockOptions.NONE))
                .isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("quarkus.aws-bedrock.region");
        env.put("AWS_REGION", region + "!");
        assertThatThrownBy(() -> resolver(Optional.empty()).resolve(BedrockOptions.NONE))
                .isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void errorMessagesShowControlCharactersEscaped() {
        assertThatThrownBy(() -> resolver(Optional.empty())
                .resolve(BedrockOptions.builder().region("us-east-1\r\nX-Injected: 1").build()))
                .hasMessageContaining("us-east-1\\u000d\\u000aX-Injected: 1");
    }
}
