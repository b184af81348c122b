package io.quarkiverse.bedrock.runtime.eventstream;

/** The kinds of message an event stream carries, named by the {@code :message-type} header. */
enum MessageType {
    /** A modelled event; {@code :event-type} names it. */
    EVENT("event"),
    /** A modelled error; {@code :exception-type} names it and the payload describes it. */
    EXCEPTION("exception"),
    /** An unmodelled error; {@code :error-code} and {@code :error-message} describe it. */
    ERROR("error");

    private static final MessageType[] ALL = values();

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the {@code :message-type} header value */
    public String wireName() {
        return wireName;
    }

    /**
     * @param wireName a {@code :message-type} header value
     * @return the type, or null when the value names no type
     */
    static MessageType fromWireName(String wireName) {
        for (MessageType t : ALL) {
            if (t.wireName.equals(wireName)) {
                return t;
            }
        }
        return null;
    }
}
