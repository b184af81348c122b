package io.quarkiverse.bedrock.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** An explicit endpoint override wins: Dev Services does not start the emulator nor change the endpoint. */
class BedrockDevServicesEndpointOverrideTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.endpoint-override", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.aws-bedrock.devservices.ignore-ambient-credentials", "true")
            .setLogRecordPredicate(r -> r.getLoggerName().contains("BedrockDevServicesProcessor"))
            .assertLogRecords(
                    records -> assertThat(records).noneMatch(r -> r.getMessage().contains("started the Bedrock emulator")));

    @ConfigProperty(name = "quarkus.aws-bedrock.endpoint-override")
    Optional<String> endpoint;

    @ConfigProperty(name = "quarkus.aws-bedrock.credentials.access-key-id")
    Optional<String> accessKeyId;

    @Test
    void keepsTheConfiguredEndpoint() {
        assertThat(endpoint).hasValue("http://127.0.0.1:9");
        assertThat(accessKeyId).isEmpty();
    }
}
