package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Every operation of the Bedrock Runtime service model is routed, with the model's method and request URI. */
class OperationRoutesTest {

    static final Path MODEL = Path.of("../../shared/testdata/bedrock-model/botocore/service-2.json");

    /**
     * Operations served by routes that another change adds; each must not be routed yet (when its route lands, the test
     * fails until the entry is removed, so none stays listed once served).
     */
    static final Map<String, String> PENDING = Map.of("InvokeModelWithBidirectionalStream",
            "served by the speech route (Nova Sonic bidirectional stream), added with that work");

    @Test
    void everyOperationOfTheServiceModelIsRouted() throws IOException {
        boolean present = Files.isRegularFile(MODEL);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Bedrock Runtime service model missing at " + MODEL.toAbsolutePath());
        }
        assumeTrue(present, "Bedrock Runtime service model absent at " + MODEL.toAbsolutePath() + ": skipped");
        JsonNode operations = SignedClient.JSON.readTree(MODEL.toFile()).path("operations");
        List<Route> routes = new EmulatorHandler(null, BedrockEmulator.create(), null).routes().all();
        List<String> missing = new ArrayList<>();
        operations.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode http = e.getValue().path("http");
            Optional<Route> route = routes.stream().filter(r -> r.operation().equals(name)).findFirst();
            if (PENDING.containsKey(name)) {
                assertThat(route).as(name + " is routed now: remove it from PENDING").isEmpty();
                return;
            }
            if (route.isEmpty()) {
                missing.add(name);
                return;
            }
            assertThat(route.get().method().name()).as(name + " method").isEqualTo(http.path("method").asText());
            assertThat(route.get().template()).as(name + " request URI").isEqualTo(http.path("requestUri").asText());
        });
        assertThat(missing).as("operations of the service model without a route").isEmpty();
        assertThat(routes).extracting(Route::operation).allMatch(operations::has);
    }

    @Test
    void routesMatchEncodedLabels() {
        Route get = Route.of("GetAsyncInvoke", io.vertx.core.http.HttpMethod.GET, "/async-invoke/{invocationArn}",
                (r, b, l) -> {
                });
        assertThat(get.match("/async-invoke/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Aasync-invoke%2Fabc")).get()
                .isEqualTo(Map.of("invocationArn", "arn:aws:bedrock:us-east-1:1:async-invoke/abc"));
        assertThat(get.match("/async-invoke")).isEmpty();
        assertThat(get.recordedName()).isEqualTo("get-async-invoke");
    }
}
