package io.quarkiverse.bedrock.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class BedrockResourceTest {

    @Test
    public void testHelloEndpoint() {
        given()
                .when().get("/bedrock")
                .then()
                .statusCode(200)
                .body(is("Hello bedrock"));
    }
}
