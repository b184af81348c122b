package io.quarkiverse.bedrock.runtime.telemetry.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.bedrock.runtime.telemetry.FixedTelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.Operation;
import io.quarkiverse.bedrock.runtime.telemetry.ServerAddress;

/** Which meters an operation lands in, with a real Micrometer registry. */
class GenAiMetersTest {

    private static final ServerAddress SERVER = new ServerAddress("bedrock-runtime.us-east-1.amazonaws.com", 443);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GenAiMeters meters = new GenAiMeters(registry, new FixedTelemetryConfig(false, false));

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void eachOperationLandsInTheMetersOfItsOwnKindWhenKindsAlternate() {
        // the same kind twice in a row, then every field of the kind changed one at a time, then back
        operation("<default>", "model-a", SERVER, true);
        operation("<default>", "model-a", SERVER, true);
        operation("<default>", "model-b", SERVER, true);
        operation("other", "model-b", SERVER, true);
        operation("other", "model-b", SERVER, false);
        operation("other", "model-b", new ServerAddress("localhost", 8080), false);
        operation("<default>", "model-a", SERVER, true);
        // equal, not the same strings: still the first kind
        operation(new String("<default>"), new String("model-a"), new ServerAddress(SERVER.host(), 443), true);

        assertThat(count("<default>", "model-a", SERVER)).isEqualTo(4);
        assertThat(count("<default>", "model-b", SERVER)).isEqualTo(1);
        assertThat(count("other", "model-b", SERVER)).isEqualTo(2);
        assertThat(count("other", "model-b", new ServerAddress("localhost", 8080))).isEqualTo(1);
        assertThat(registry.find(GenAiMeters.TIME_TO_FIRST_CHUNK).timers()).extracting(t -> t.getId().getTag(
                "gen_ai.request.model") + "/" + t.getId().getTag("bedrock.client.name") + " " + t.count())
                .containsExactlyInAnyOrder("model-a/<default> 4", "model-b/<default> 1", "model-b/other 1");
    }

    private void operation(String client, String model, ServerAddress server, boolean stream) {
        var observation = meters.start(new Operation(client, Operation.CHAT, model, stream, null, null, null, server),
                System.nanoTime());
        if (stream) {
            observation.firstChunk(1_000_000);
        }
        observation.cancelled();
    }

    private long count(String client, String model, ServerAddress server) {
        return registry.find(GenAiMeters.DURATION).tag("bedrock.client.name", client).tag("gen_ai.request.model", model)
                .tag("server.address", server.host()).tag("server.port", Integer.toString(server.port())).timers()
                .stream().mapToLong(Timer::count).sum();
    }
}
