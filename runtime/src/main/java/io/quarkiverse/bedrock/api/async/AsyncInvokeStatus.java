package io.quarkiverse.bedrock.api.async;

/** The state of an asynchronous invocation. */
public enum AsyncInvokeStatus {
    /** Still running. */
    IN_PROGRESS("InProgress"),
    /** Finished; the output is at the output location. */
    COMPLETED("Completed"),
    /** Failed; see the failure message. */
    FAILED("Failed"),
    /** A value this version of the extension does not know (the raw value is kept on the invocation). */
    UNKNOWN(null);

    private final String wireName;

    AsyncInvokeStatus(String wireName) {
        this.wireName = wireName;
    }

    /** @return the value Bedrock uses, null for {@link #UNKNOWN} */
    public String wireName() {
        return wireName;
    }

    /** @return whether the invocation has finished, one way or the other */
    public boolean done() {
        return this == COMPLETED || this == FAILED;
    }

    /**
     * @param wire a status from Bedrock
     * @return the constant, {@link #UNKNOWN} for anything else
     */
    public static AsyncInvokeStatus fromWire(String wire) {
        for (AsyncInvokeStatus s : values()) {
            if (s.wireName != null && s.wireName.equals(wire)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
