package io.quarkiverse.bedrock.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

class HalfKeyPairConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .overrideConfigKey("quarkus.aws-bedrock.credentials.access-key-id", "AKIDEXAMPLE")
            .assertException(e -> {
                Throwable root = InvalidRegionConfigTest.rootCause(e);
                // the application runs in its own class loader: compare by name
                assertThat(root.getClass().getName()).isEqualTo(BedrockConfigurationException.class.getName());
                assertThat(root.getMessage()).contains("quarkus.aws-bedrock.credentials.secret-access-key");
            });

    @Test
    void startupFailsNamingTheMissingSecret() {
        // the assertion is in assertException: the application must not start
    }
}
