package io.quarkiverse.bedrock.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the emulator answers when no {@link Reply} is scripted. Immutable: the {@code with*} methods return a copy.
 *
 * @param tokens how many text tokens the generator writes (capped by the request's max tokens)
 * @param firstByteDelay wait before the answer starts (before its status line and headers)
 * @param interTokenDelay wait between two stream events (and, for non-streaming calls, per generated token)
 * @param verifySignatures whether requests must carry a valid SigV4 signature or the emulator's API key
 * @param fault a fault injected into every answer, or null
 * @param replayDirectory a {@code reqllm} fixture directory: requests whose model and operation match a fixture
 *        replay it instead of generating an answer; null for none
 * @param strict whether requests are checked as Bedrock checks them (model catalogue, conversation rules, model
 *        capabilities); false for a lenient mock that answers anything
 * @param catalogFile a model catalogue file whose models are added to the shipped one (same format as
 *        {@code META-INF/quarkus-aws-bedrock/models.json}), or null
 * @param retryAfter the {@code Retry-After} header of throttling answers, or null for none (Bedrock sends none)
 * @param asyncOutputDirectory where StartAsyncInvoke writes its results in place of S3 ({@code s3://bucket/prefix} becomes
 *        {@code <dir>/bucket/prefix}), or null for a temporary directory of the emulator's own
 */
public record EmulatorOptions(int tokens, Duration firstByteDelay, Duration interTokenDelay, boolean verifySignatures,
        Fault fault, Path replayDirectory, boolean strict, Path catalogFile, Duration retryAfter,
        Path asyncOutputDirectory) {

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
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter cannot be negative");
        }
    }

    /** @return 12 tokens, no delays, signatures verified, strict, no fault, no replay, no Retry-After */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(12, Duration.ZERO, Duration.ZERO, true, null, null, true, null, null, null);
    }

    /** @param n generated tokens per answer @return a copy */
    public EmulatorOptions withTokens(int n) {
        return new EmulatorOptions(n, firstByteDelay, interTokenDelay, verifySignatures, fault, replayDirectory, strict,
                catalogFile, retryAfter, asyncOutputDirectory);
    }

    /** @param d delay before the answer's status line and headers @return a copy */
    public EmulatorOptions withFirstByteDelay(Duration d) {
        return new EmulatorOptions(tokens, d, interTokenDelay, verifySignatures, fault, replayDirectory, strict,
                catalogFile, retryAfter, asyncOutputDirectory);
    }

    /** @param d delay between events @return a copy */
    public EmulatorOptions withInterTokenDelay(Duration d) {
        return new EmulatorOptions(tokens, firstByteDelay, d, verifySignatures, fault, replayDirectory, strict,
                catalogFile, retryAfter, asyncOutputDirectory);
    }

    /** @param verify whether to verify signatures @return a copy */
    public EmulatorOptions withVerifySignatures(boolean verify) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verify, fault, replayDirectory, strict,
                catalogFile, retryAfter, asyncOutputDirectory);
    }

    /** @param f a fault for every request, or null for none @return a copy */
    public EmulatorOptions withFault(Fault f) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, f, replayDirectory, strict,
                catalogFile, retryAfter, asyncOutputDirectory);
    }

    /** @param dir a {@code reqllm} fixture directory, or null @return a copy */
    public EmulatorOptions withReplayDirectory(Path dir) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, fault, dir, strict,
                catalogFile, retryAfter, asyncOutputDirectory);
    }

    /**
     * @param on true to check requests as Bedrock does (the default), false to answer anything: the one switch for all
     *        strictness rules
     * @return a copy
     */
    public EmulatorOptions withStrict(boolean on) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, fault, replayDirectory, on,
                catalogFile, retryAfter, asyncOutputDirectory);
    }

    /** @param file a catalogue file adding models, or null @return a copy */
    public EmulatorOptions withCatalogFile(Path file) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, fault, replayDirectory,
                strict, file, retryAfter, asyncOutputDirectory);
    }

    /** @param d the {@code Retry-After} of throttling answers (whole seconds), or null for none @return a copy */
    public EmulatorOptions withRetryAfter(Duration d) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, fault, replayDirectory,
                strict, catalogFile, d, asyncOutputDirectory);
    }

    /** @param dir where StartAsyncInvoke results go, or null for a temporary directory @return a copy */
    public EmulatorOptions withAsyncOutputDirectory(Path dir) {
        return new EmulatorOptions(tokens, firstByteDelay, interTokenDelay, verifySignatures, fault, replayDirectory,
                strict, catalogFile, retryAfter, dir);
    }

    /**
     * Applies settings given as text, as a {@code @QuarkusTestResource}'s init arguments or Dev Services properties
     * give them: {@code strict}, {@code auth}, {@code tokens}, {@code fault}, {@code first-byte-delay},
     * {@code inter-token-delay}, {@code retry-after}, {@code catalog}, {@code replay-dir}, {@code async-output-dir}. Booleans
     * are
     * {@code true}/{@code false}, durations {@code 5ms} or {@code 2s}.
     *
     * @param settings the settings; unknown keys are refused
     * @return a copy
     * @throws IllegalArgumentException naming the key at fault
     */
    public EmulatorOptions withSettings(Map<String, String> settings) {
        EmulatorOptions o = this;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            o = EmulatorSettings.apply(o, e.getKey(), e.getValue());
        }
        return o;
    }
}
