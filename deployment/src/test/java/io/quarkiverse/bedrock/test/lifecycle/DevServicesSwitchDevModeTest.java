package io.quarkiverse.bedrock.test.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * Turning Dev Services off in a running dev session, and configuring an endpoint, switches the client at the next
 * reload: the requests reach the configured endpoint, not the stopped emulator's port.
 */
class DevServicesSwitchDevModeTest {

    /** Stands for "the configured endpoint": another emulator the test controls. */
    static final BedrockEmulator CONFIGURED = BedrockEmulator.create().start();

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClass(ProbeResource.class)
                    .addAsResource(new StringAsset("quarkus.aws-bedrock.devservices.ignore-ambient-credentials=true\n"
                            + "quarkus.aws-bedrock.devservices.inter-token-delay=0s\n"), "application.properties"));

    @AfterAll
    static void stopEmulator() {
        CONFIGURED.stop();
    }

    @Test
    void turningDevServicesOffSwitchesTheClientToTheConfiguredEndpoint() {
        String[] before = given().get("/probe").then().statusCode(200).extract().asString().split("\\|");
        assertThat(before[1]).as("the Dev Services emulator").startsWith("http://127.0.0.1:")
                .isNotEqualTo(CONFIGURED.endpoint().toString());
        assertThat(CONFIGURED.requests()).isEmpty();

        TEST.modifyResourceFile("application.properties", properties -> properties
                + "quarkus.aws-bedrock.devservices.enabled=false\n"
                + CONFIGURED.clientConfig().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n"))
                + "\n");

        String[] after = given().get("/probe").then().statusCode(200).extract().asString().split("\\|");
        assertThat(after[1]).isEqualTo(CONFIGURED.endpoint().toString());
        assertThat(CONFIGURED.requests()).as("the stream and the chat went to the configured endpoint").hasSize(2);
    }
}
