package io.quarkiverse.bedrock.it;

import org.junit.jupiter.api.BeforeEach;

import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkiverse.bedrock.testing.InjectBedrockEmulator;

/** A test against the emulator: each test starts with no queued replies, no recorded requests and default options. */
abstract class EmulatorTest {

    @InjectBedrockEmulator
    BedrockEmulator emulator;

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
        emulator.options(EmulatorOptions.defaults());
    }
}
