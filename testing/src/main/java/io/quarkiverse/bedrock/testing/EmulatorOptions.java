package io.quarkiverse.bedrock.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the emulator answers when no {@link Reply} is scripted. Immutable: the {@code with*} methods return a copy.
 *
 * @param tokens how many text tokens the generator writes (capped by the request's max tokens)
 * @param firstByteDelay wait before the answer starts
 * @param interTokenDelay wait between two stream events (and, for non-streaming calls, per generated token)
 * @param verifySignatures whether requests must carry a valid SigV4 signature or the emulator's API key
 * @param fault a fault injected into every answer, or null
 * @param replayDirectory a {@code reqllm} fixture directory: requests whose model and operation match a fixture
 *        replay it instead of generating an answer; null for none
 */
public record EmulatorOptions(int tokens, Duration firstByteDelay, Duration interTokenDelay, boolean verifySignatures,
        Fault fault, Path replayDirectory) {

    /** Checks the values. */
    public EmulatorOptions {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1, got " + tokens);
        }
        Objects.requireNonNull(firstByteDelay, "firstByteDelay");
        Objects.requireNonNull(interTokenDelay, "interTokenDelay");
        if (firstByteDelay.isNegative() || interTokenDelay.isNegative()) {
            throw new IllegalArgumentException("Delays cannot be negative");
        }
    }

    /** @return 12 tokens, no delays, signatures verified, no fault, no replay */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(12, Duration.ZERO, Duration.ZERO, true, null, null);
    }

    /** @param n generated tokens per answer @return a copy */
    public EmulatorOptions withTokens(int n) {
        return new EmulatorOptions(n, firstByteDelay, interTokenDelay, verifySignatures, fault, replayDirectory);
    }

    /** @param d delay before the first byte @return a copy */
    public EmulatorOptions withFirstByteDelay(Duration d) {
        return new EmulatorOptions(tokens, d, interTokenDelay, verifySignatures, fault, replayDirectory);
    }

    /** @param d delay between events @return a copy */
    public EmulatorOptions withInterTokenDelay(Duration d) {
        return new EmulatorOptions(tokens, firstByteDelay, d, verifySignatures, fault, replayDirectory);
    }

    /** @param verify whether to verify signatures @return a copy */
    public EmulatorOptions withVerifySignatures(boolean verify) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verify, fault, replayDirectory);
    }

    /** @param f a fault for every request, or null for none @return a copy */
    public EmulatorOptions withFault(Fault f) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, f, replayDirectory);
    }

    /** @param dir a {@code reqllm} fixture directory, or null @return a copy */
    public EmulatorOptions withReplayDirectory(Path dir) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, fault, dir);
    }
}
