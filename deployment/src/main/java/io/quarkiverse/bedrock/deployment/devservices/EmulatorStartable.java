package io.quarkiverse.bedrock.deployment.devservices;

import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkus.deployment.builditem.Startable;

/** The in-JVM Bedrock emulator as a Dev Service that Quarkus starts, reuses and closes. */
final class EmulatorStartable implements Startable {

    private final BedrockEmulator emulator;
    private final int port;

    EmulatorStartable(EmulatorOptions options, int port) {
        this.emulator = BedrockEmulator.create(options);
        this.port = port;
    }

    @Override
    public void start() {
        emulator.start(port);
    }

    /** @return the emulator's endpoint, e.g. {@code http://127.0.0.1:43215} */
    @Override
    public String getConnectionInfo() {
        return emulator.endpoint().toString();
    }

    /** @return null: the emulator runs in this JVM, not in a container */
    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        emulator.stop();
    }
}
