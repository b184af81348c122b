package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BedrockEmulatorTestResourceTest {

    @Test
    void startsAnEmulatorAndGivesTheClientConfiguration() throws IOException {
        BedrockEmulatorTestResource resource = new BedrockEmulatorTestResource();
        Map<String, String> config = resource.start();
        URI endpoint = URI.create(config.get("quarkus.aws-bedrock.endpoint-override"));
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(config).containsEntry("quarkus.aws-bedrock.credentials.access-key-id", EmulatorCredentials.ACCESS_KEY_ID)
                .containsEntry("quarkus.aws-bedrock.credentials.secret-access-key", EmulatorCredentials.SECRET_ACCESS_KEY)
                .containsEntry("quarkus.aws-bedrock.region", "us-east-1");
        try (Socket s = new Socket("127.0.0.1", endpoint.getPort())) {
            assertThat(s.isConnected()).isTrue();
        }
        resource.stop();
        assertThatThrownBy(() -> new Socket("127.0.0.1", endpoint.getPort()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void emulatorLifecycle() {
        BedrockEmulator emulator = BedrockEmulator.create();
        assertThat(emulator.isRunning()).isFalse();
        assertThatThrownBy(emulator::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        emulator.start();
        try {
            assertThat(emulator.port()).isPositive();
            assertThatThrownBy(emulator::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running");
            // a second emulator cannot take the same port
            assertThatThrownBy(() -> BedrockEmulator.create().start(emulator.port()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Cannot start");
        } finally {
            emulator.stop();
        }
        emulator.stop();
        assertThat(emulator.isRunning()).isFalse();
    }

    @Test
    void initArgumentsSetTheOptions() {
        BedrockEmulatorTestResource resource = new BedrockEmulatorTestResource();
        resource.init(Map.of("strict", "false", "tokens", "3"));
        resource.start();
        try {
            assertThat(resource.emulator().options().tokens()).isEqualTo(3);
            assertThat(new SignedClient(resource.emulator())
                    .send("acme.unknown-model-v9", "converse", SignedClient.converseBody("hi")).statusCode())
                    .isEqualTo(200);
        } finally {
            resource.stop();
        }
        assertThatThrownBy(() -> resource.init(Map.of("strikt", "false"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown emulator setting 'strikt'; use one of: strict, auth");
    }
}
