package io.quarkiverse.bedrock.testing;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpServerResponse;

/** Writes a JSON answer with the headers Bedrock sends with one. */
final class JsonAnswer {

    private JsonAnswer() {
    }

    static void write(HttpServerResponse response, JsonNode body) {
        response.setStatusCode(200)
                .putHeader("Content-Type", "application/json")
                .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .end(body.toString());
    }
}
