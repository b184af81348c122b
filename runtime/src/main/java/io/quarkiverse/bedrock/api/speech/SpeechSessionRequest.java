package io.quarkiverse.bedrock.api.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * How to open a speech-to-speech session (Amazon Nova Sonic, {@code InvokeModelWithBidirectionalStream}).
 *
 * @param modelId the model, {@code amazon.nova-sonic-v1:0} by default
 * @param systemPrompt the system prompt, sent first; may be null
 * @param voiceId the output voice, {@code matthew} by default
 * @param tools the tools the model may call; empty for none
 * @param maxTokens the output token limit per answer
 * @param topP nucleus sampling
 * @param temperature sampling temperature
 * @param outputSampleRate the output audio rate in Hz: 8000, 16000 or 24000 (the default)
 * @param sessionCap the longest a session lasts before it ends with {@link SpeechSessionTimeoutException}: 8 minutes
 *        by default, the service's limit
 * @param rolloverBefore when present, the client opens a new service session at the first turn boundary once the
 *        session is this close to {@code sessionCap}, replays the history it kept (system prompt, text transcripts of
 *        both sides and tool results) and goes on; the caller sees one {@link SpeechEvent.SessionRolledOver} and no end.
 *        Absent (the default): the session ends at the cap.
 * @param idleTimeout how long the session may go without a byte in either direction (the caller's audio counts, so
 *        silence streamed from a microphone is not idle): 60 seconds by default
 * @param options per-session options: region and credentials (an API key is refused: the operation needs SigV4)
 */
public record SpeechSessionRequest(ModelId modelId, String systemPrompt, String voiceId, List<Tool> tools, int maxTokens,
        double topP, double temperature, int outputSampleRate, Duration sessionCap, Optional<Duration> rolloverBefore,
        Duration idleTimeout, BedrockOptions options) {

    /** The model this operation serves. */
    public static final String NOVA_SONIC = "amazon.nova-sonic-v1:0";
    /** The service's session limit. */
    public static final Duration SERVICE_CAP = Duration.ofMinutes(8);

    /** Checks every setting. */
    public SpeechSessionRequest {
        Objects.requireNonNull(modelId, "modelId");
        tools = List.copyOf(tools == null ? List.of() : tools);
        if (voiceId == null || voiceId.isBlank()) {
            throw new InvalidRequestException("A speech session needs a voiceId, e.g. matthew, tiffany or amy");
        }
        if (maxTokens < 1) {
            throw new InvalidRequestException("maxTokens must be at least 1, not " + maxTokens);
        }
        if (!(topP >= 0 && topP <= 1) || !(temperature >= 0 && temperature <= 1)) {
            throw new InvalidRequestException("topP and temperature must be between 0 and 1, not " + topP + " and "
                    + temperature);
        }
        if (outputSampleRate != 8000 && outputSampleRate != 16000 && outputSampleRate != 24000) {
            throw new InvalidRequestException("outputSampleRate must be 8000, 16000 or 24000, not " + outputSampleRate);
        }
        positive(sessionCap, "sessionCap");
        positive(idleTimeout, "idleTimeout");
        rolloverBefore = rolloverBefore == null ? Optional.empty() : rolloverBefore;
        if (rolloverBefore.isPresent()
                && (rolloverBefore.get().isNegative() || rolloverBefore.get().compareTo(sessionCap) >= 0)) {
            throw new InvalidRequestException("rolloverBefore (" + rolloverBefore.get()
                    + ") must be between zero and the sessionCap (" + sessionCap + ")");
        }
        Objects.requireNonNull(options, "options");
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidRequestException(name + " must be a positive duration, not " + d);
        }
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SpeechSessionRequest}. */
    public static final class Builder {
        private ModelId modelId = ModelId.parse(NOVA_SONIC);
        private String systemPrompt;
        private String voiceId = "matthew";
        private final List<Tool> tools = new ArrayList<>();
        private int maxTokens = 1024;
        private double topP = 0.9;
        private double temperature = 0.7;
        private int outputSampleRate = 24000;
        private Duration sessionCap = SERVICE_CAP;
        private Duration rolloverBefore;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private BedrockOptions options = BedrockOptions.NONE;

        private Builder() {
        }

        /** @param modelId the model @return this */
        public Builder modelId(String modelId) {
            this.modelId = ModelId.parse(modelId);
            return this;
        }

        /** @param systemPrompt the system prompt @return this */
        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = systemPrompt;
            return this;
        }

        /** @param voiceId the output voice @return this */
        public Builder voiceId(String voiceId) {
            this.voiceId = voiceId;
            return this;
        }

        /** @param tool a tool the model may call @return this */
        public Builder tool(Tool tool) {
            this.tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** @param maxTokens output token limit @return this */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** @param topP nucleus sampling @return this */
        public Builder topP(double topP) {
            this.topP = topP;
            return this;
        }

        /** @param temperature sampling temperature @return this */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** @param hertz 8000, 16000 or 24000 @return this */
        public Builder outputSampleRate(int hertz) {
            this.outputSampleRate = hertz;
            return this;
        }

        /** @param cap the session cap @return this */
        public Builder sessionCap(Duration cap) {
            this.sessionCap = cap;
            return this;
        }

        /** @param margin roll over to a new session this long before the cap, at a turn boundary @return this */
        public Builder rolloverBefore(Duration margin) {
            this.rolloverBefore = margin;
            return this;
        }

        /** @param idle the idle timeout, judged on both directions @return this */
        public Builder idleTimeout(Duration idle) {
            this.idleTimeout = idle;
            return this;
        }

        /** @param options region and credentials @return this */
        public Builder options(BedrockOptions options) {
            this.options = options;
            return this;
        }

        /** @return the request */
        public SpeechSessionRequest build() {
            return new SpeechSessionRequest(modelId, systemPrompt, voiceId, tools, maxTokens, topP, temperature,
                    outputSampleRate, sessionCap, Optional.ofNullable(rolloverBefore), idleTimeout, options);
        }
    }
}
