package io.quarkiverse.bedrock.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

class InvalidRegionConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .overrideConfigKey("quarkus.aws-bedrock.region", "us-east-1.evil.example")
            .assertException(e -> {
                Throwable root = rootCause(e);
                // the application runs in its own class loader: compare by name
                assertThat(root.getClass().getName()).isEqualTo(BedrockConfigurationException.class.getName());
                assertThat(root.getMessage()).contains("quarkus.aws-bedrock.region").contains("us-east-1.evil.example");
            });

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void startupFailsNamingTheProperty() {
        // the assertion is in assertException: the application must not start
    }
}
