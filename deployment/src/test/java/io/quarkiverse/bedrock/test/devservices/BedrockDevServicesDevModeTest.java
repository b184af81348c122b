package io.quarkiverse.bedrock.test.devservices;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/** Live reload keeps the same emulator (same port, no second server) and the app keeps answering from it. */
class BedrockDevServicesDevModeTest {

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClass(ChatResource.class)
                    .addAsResource(new StringAsset("quarkus.aws-bedrock.devservices.ignore-ambient-credentials=true\n"
                            + "quarkus.aws-bedrock.devservices.inter-token-delay=0s\n"), "application.properties"));

    @Test
    void reloadKeepsTheEmulator() {
        String before = given().queryParam("prompt", "hello").get("/chat").then().statusCode(200).extract().asString();
        String[] first = before.split("\\|");
        assertThat(first[0]).isEqualTo("v1");
        assertThat(first[1]).startsWith("http://127.0.0.1:");
        assertThat(first[2]).isNotBlank();

        TEST.modifySourceFile(ChatResource.class, s -> s.replace("\"v1|\"", "\"v2|\""));

        String after = given().queryParam("prompt", "hello").get("/chat").then().statusCode(200).extract().asString();
        String[] second = after.split("\\|");
        assertThat(second[0]).as("the reload happened").isEqualTo("v2");
        assertThat(second[1]).as("same emulator after the reload").isEqualTo(first[1]);
        assertThat(second[2]).as("deterministic answer").isEqualTo(first[2]);
    }
}
