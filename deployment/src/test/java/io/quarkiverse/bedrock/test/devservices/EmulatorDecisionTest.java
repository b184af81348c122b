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

import io.quarkiverse.bedrock.deployment.devservices.EmulatorDecision;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Dev Services asks the client's own credentials resolver, so every source the client would use keeps AWS in charge. */
class EmulatorDecisionTest {

    @TempDir
    Path home;

    final Map<String, String> config = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    final Map<String, String> props = new HashMap<>();

    Optional<String> reason() {
        props.putIfAbsent("user.home", home.toString());
        return EmulatorDecision.reasonNotToStart(
                new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(config, "app", 250)).build(),
                AwsEnvironment.of(env, props));
    }

    @Test
    void startsOnACleanMachine() {
        assertThat(reason()).isEmpty();
    }

    @Test
    void endpointOverrideOrConfiguredCredentialsKeepAws() {
        config.put("quarkus.aws-bedrock.endpoint-override", "http://localhost:1234");
        assertThat(reason()).get().asString()
                .isEqualTo("quarkus.aws-bedrock.endpoint-override is set (PropertiesConfigSource[source=app])");
        config.clear();
        config.put("quarkus.aws-bedrock.credentials.api-key", "k");
        assertThat(reason()).hasValue("credentials found: quarkus.aws-bedrock.credentials.api-key");
        config.clear();
        config.put("quarkus.aws-bedrock.credentials.access-key-id", "AKID");
        config.put("quarkus.aws-bedrock.credentials.secret-access-key", "s");
        assertThat(reason()).hasValue("credentials found: quarkus.aws-bedrock.credentials");
        config.put("quarkus.aws-bedrock.credentials.access-key-id", " ");
        config.remove("quarkus.aws-bedrock.credentials.secret-access-key");
        assertThat(reason()).isEmpty();
    }

    @Test
    void quarkusAmazonBedrocksKeysAreNotOurs() {
        config.put("quarkus.bedrock.endpoint-override", "http://localhost:4566");
        config.put("quarkus.bedrock.aws.credentials.static-provider.access-key-id", "AKID");
        assertThat(reason()).isEmpty();
    }

    @Test
    void environmentAndSystemPropertiesKeepAws() {
        env.put("AWS_ACCESS_KEY_ID", "AKID");
        assertThat(reason()).hasValue("credentials found: AWS_ACCESS_KEY_ID");
        env.clear();
        env.put("AWS_BEARER_TOKEN_BEDROCK", "t");
        assertThat(reason()).hasValue("credentials found: AWS_BEARER_TOKEN_BEDROCK");
        env.clear();
        props.put("aws.accessKeyId", "AKID");
        assertThat(reason()).hasValue("credentials found: the aws.accessKeyId system property");
    }

    @Test
    void webIdentityAndContainerCredentialsKeepAws() {
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token");
        assertThat(reason()).get().asString().contains("web identity");
        env.clear();
        env.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x");
        assertThat(reason()).get().asString().contains("container credentials");
    }

    @Test
    void aProfileWithSsoInTheConfigFileKeepsAws() throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\nsso_session = corp\nsso_account_id = 1\n"
                + "sso_role_name = r\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                + "sso_region = us-east-1\n");
        assertThat(reason()).as("the default profile has no credentials").isEmpty();
        env.put("AWS_PROFILE", "dev");
        assertThat(reason()).hasValue("credentials found: AWS profile 'dev'");
    }

    @Test
    void aProfileWithKeysKeepsAwsButAnEmptyOneDoesNot() throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\n");
        assertThat(reason()).isEmpty();
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = AKID\n"
                + "aws_secret_access_key = s\n");
        assertThat(reason()).hasValue("credentials found: AWS profile 'default'");
    }
}
