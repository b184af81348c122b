package io.quarkiverse.bedrock.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** quarkus.aws-bedrock.devservices.enabled=false keeps the client on AWS: no emulator, no override. */
class BedrockDevServicesDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .overrideConfigKey("quarkus.aws-bedrock.devservices.ignore-ambient-credentials", "true")
            .setLogRecordPredicate(r -> r.getLoggerName().contains("BedrockDevServicesProcessor"))
            .assertLogRecords(records -> assertThat(records).extracting(r -> r.getMessage().formatted(r.getParameters()))
                    .containsExactly("Dev Services for Amazon Bedrock: the emulator does not start"
                            + " (quarkus.aws-bedrock.devservices.enabled is false)"));

    @ConfigProperty(name = "quarkus.aws-bedrock.endpoint-override")
    Optional<String> endpoint;

    @Test
    void noEmulator() {
        assertThat(endpoint).isEmpty();
    }
}
