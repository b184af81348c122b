package io.quarkiverse.bedrock.api.guardrail;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * A guardrail to apply to a chat request (Converse {@code guardrailConfig}); set it with
 * {@link io.quarkiverse.bedrock.api.BedrockOptions.Builder#guardrail(GuardrailConfig)}.
 *
 * @param identifier the guardrail's id or ARN
 * @param version its version: a number or {@code DRAFT}
 * @param trace {@code enabled}, {@code enabled_full} or {@code disabled} (null: Bedrock's default, disabled); with a
 *        trace the assessment is on {@link io.quarkiverse.bedrock.api.ChatResponse#guardrailTrace()} and, in streams,
 *        a {@link io.quarkiverse.bedrock.api.Chunk.GuardrailChunk}
 * @param streamProcessingMode for streams only: {@code sync} (checked before sending) or {@code async} (sent at
 *        once, checked in the background); null for Bedrock's default. Not sent with non-streaming requests.
 */
public record GuardrailConfig(String identifier, String version, String trace, String streamProcessingMode) {

    /** Checks the values. */
    public GuardrailConfig {
        if (identifier == null || identifier.isBlank()) {
            throw new InvalidRequestException("A guardrail needs its identifier (id or ARN)");
        }
        if (version == null || !version.matches("DRAFT|[1-9][0-9]{0,7}")) {
            throw new InvalidRequestException("The guardrail version must be a number from 1 or DRAFT, not '" + version
                    + "'");
        }
        if (trace != null && !trace.matches("enabled|enabled_full|disabled")) {
            throw new InvalidRequestException("The guardrail trace must be enabled, enabled_full or disabled, not '"
                    + trace + "'");
        }
        if (streamProcessingMode != null && !streamProcessingMode.matches("sync|async")) {
            throw new InvalidRequestException("The guardrail stream processing mode must be sync or async, not '"
                    + streamProcessingMode + "'");
        }
    }

    /**
     * @param identifier the guardrail's id or ARN
     * @param version its version
     * @return a config with the trace enabled
     */
    public static GuardrailConfig traced(String identifier, String version) {
        return new GuardrailConfig(identifier, version, "enabled", null);
    }

    /** @return the {@code guardrailConfig} members */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("guardrailIdentifier", identifier);
        map.put("guardrailVersion", version);
        if (trace != null) {
            map.put("trace", trace);
        }
        if (streamProcessingMode != null) {
            map.put("streamProcessingMode", streamProcessingMode);
        }
        return map;
    }
}
