package io.quarkiverse.bedrock.api.guardrail;

/** What a guardrail did. */
public enum GuardrailAction {
    /** The content passed. */
    NONE,
    /** The guardrail blocked or masked the content. */
    GUARDRAIL_INTERVENED,
    /** A value this version of the extension does not know (the raw value is kept on the result). */
    UNKNOWN;

    /**
     * @param wire the {@code action} value Bedrock sent
     * @return the constant, {@link #UNKNOWN} for an unknown value, {@link #NONE} for null
     */
    public static GuardrailAction fromWire(String wire) {
        if (wire == null) {
            return NONE;
        }
        for (GuardrailAction a : values()) {
            if (a.name().equals(wire)) {
                return a;
            }
        }
        return UNKNOWN;
    }
}
