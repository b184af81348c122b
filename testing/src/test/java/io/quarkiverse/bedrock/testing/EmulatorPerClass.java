package io.quarkiverse.bedrock.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One emulator per test class, reset (queue, requests, options) before each test, and a client that signs for it. */
abstract class EmulatorPerClass {

    static BedrockEmulator emulator;
    static SignedClient client;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.create().start();
        client = new SignedClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @BeforeEach
    void reset() {
        emulator.reset().options(EmulatorOptions.defaults());
    }
}
