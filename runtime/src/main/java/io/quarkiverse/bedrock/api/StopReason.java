package io.quarkiverse.bedrock.api;

/** Why the model stopped generating, as Bedrock reports it (Converse {@code stopReason} values). */
public enum StopReason {
    /** The model finished its answer. */
    END_TURN("end_turn"),
    /** The model asks for one or more tool calls. */
    TOOL_USE("tool_use"),
    /** The {@code maxTokens} limit was reached. */
    MAX_TOKENS("max_tokens"),
    /** One of the stop sequences was generated. */
    STOP_SEQUENCE("stop_sequence"),
    /** A guardrail intervened. */
    GUARDRAIL_INTERVENED("guardrail_intervened"),
    /** Content filters blocked the answer. */
    CONTENT_FILTERED("content_filtered"),
    /** The model produced output Bedrock could not parse. */
    MALFORMED_MODEL_OUTPUT("malformed_model_output"),
    /** The model produced a tool call Bedrock could not parse. */
    MALFORMED_TOOL_USE("malformed_tool_use"),
    /** The conversation no longer fits the model's context window. */
    MODEL_CONTEXT_WINDOW_EXCEEDED("model_context_window_exceeded"),
    /** A value this version of the extension does not know. */
    UNKNOWN("unknown");

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    /** @return the value Bedrock sends on the wire */
    public String wireName() {
        return wireName;
    }

    /**
     * @param wire a {@code stopReason} value from Bedrock (Converse or a native family, e.g. Anthropic's {@code end_turn})
     * @return the matching constant, {@link #UNKNOWN} for anything else, null for null
     */
    public static StopReason fromWire(String wire) {
        if (wire == null) {
            return null;
        }
        for (StopReason reason : values()) {
            if (reason.wireName.equals(wire)) {
                return reason;
            }
        }
        return UNKNOWN;
    }
}
