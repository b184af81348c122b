package io.quarkiverse.bedrock.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.bedrock.deployment.devservices.AmbientCredentials;

class AmbientCredentialsTest {

    @TempDir
    Path home;

    final Map<String, String> config = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    final Map<String, String> props = new HashMap<>();

    Optional<String> reason(boolean ignoreAmbient) {
        return new AmbientCredentials(key -> Optional.ofNullable(config.get(key)), env::get, props::get, home)
                .reasonNotToStart(ignoreAmbient);
    }

    @Test
    void startsOnACleanMachine() {
        assertThat(reason(false)).isEmpty();
    }

    @Test
    void endpointOverrideOrConfiguredCredentialsPreventTheEmulator() {
        config.put("quarkus.aws-bedrock.endpoint-override", "http://localhost:1234");
        assertThat(reason(true)).hasValue("quarkus.aws-bedrock.endpoint-override is set");
        config.clear();
        config.put("quarkus.aws-bedrock.credentials.api-key", "k");
        assertThat(reason(true)).hasValue("quarkus.aws-bedrock.credentials.api-key is set");
        config.clear();
        config.put("quarkus.aws-bedrock.credentials.access-key-id", "AKID");
        assertThat(reason(false)).hasValue("quarkus.aws-bedrock.credentials.access-key-id is set");
        config.put("quarkus.aws-bedrock.credentials.access-key-id", " ");
        assertThat(reason(false)).isEmpty();
    }

    @Test
    void ambientCredentialsPreventTheEmulatorUnlessIgnored() throws IOException {
        env.put("AWS_ACCESS_KEY_ID", "AKID");
        assertThat(reason(false)).hasValue("the AWS_ACCESS_KEY_ID environment variable is set");
        assertThat(reason(true)).isEmpty();
        env.clear();
        env.put("AWS_BEARER_TOKEN_BEDROCK", "t");
        assertThat(reason(false)).hasValue("the AWS_BEARER_TOKEN_BEDROCK environment variable is set");
        env.clear();
        props.put("aws.accessKeyId", "AKID");
        assertThat(reason(false)).hasValue("the aws.accessKeyId system property is set");
        props.clear();
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\n");
        assertThat(reason(false)).get().asString().contains("credentials file");
        assertThat(reason(true)).isEmpty();
    }

    @Test
    void sharedCredentialsFileLocationFollowsTheEnvironment() throws IOException {
        Path file = Files.writeString(home.resolve("elsewhere"), "[default]\n");
        env.put("AWS_SHARED_CREDENTIALS_FILE", file.toString());
        assertThat(reason(false)).get().asString().contains(file.toString());
    }
}
