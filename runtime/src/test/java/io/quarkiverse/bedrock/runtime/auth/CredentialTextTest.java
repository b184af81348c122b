package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Credentials with line breaks: trimmed around, rejected inside, and never quoted. */
class CredentialTextTest {

    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";

    @Test
    void aTrailingLineBreakFromAMountedSecretIsDropped() {
        AwsAuth cleaned = CredentialText.clean(new AwsAuth.SigV4(
                AwsSessionCredentialsIdentity.create("AKIDEXAMPLE\n", "secret\r\n", TOKEN + "\n"), "the test"));
        AwsSessionCredentialsIdentity id = (AwsSessionCredentialsIdentity) ((AwsAuth.SigV4) cleaned).identity();
        assertThat(id.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(id.secretAccessKey()).isEqualTo("secret");
        assertThat(id.sessionToken()).isEqualTo(TOKEN);
        assertThat(((AwsAuth.Bearer) CredentialText.clean(new AwsAuth.Bearer(" key\n", "the test"))).token())
                .isEqualTo("key");
    }

    @Test
    void aLineBreakInsideASessionTokenIsRejectedNamingTheFieldNotTheValue() {
        Throwable failure = catchThrowable(() -> CredentialText.clean(new AwsAuth.SigV4(
                AwsSessionCredentialsIdentity.create("AKIDEXAMPLE", "secret-value", "IQoJb3\r\nX-Injected: 1"),
                "quarkus.aws-bedrock.credentials.session-token")));
        assertThat(failure).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("session token")
                .hasMessageContaining("quarkus.aws-bedrock.credentials.session-token")
                .hasMessageNotContaining("IQoJb3").hasMessageNotContaining("Injected")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void aControlCharacterInsideAnApiKeyIsRejectedWithoutTheKey() {
        Throwable failure = catchThrowable(
                () -> CredentialText.clean(new AwsAuth.Bearer("ABSKbedrock\u0000key", "request option api_key")));
        assertThat(failure).isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("API key")
                .hasMessageNotContaining("ABSK");
    }
}
