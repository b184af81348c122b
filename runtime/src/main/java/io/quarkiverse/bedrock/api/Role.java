package io.quarkiverse.bedrock.api;

/** Who wrote a message of the conversation. */
public enum Role {
    /** The person or program asking. */
    USER("user"),
    /** The model. */
    ASSISTANT("assistant");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name Bedrock uses on the wire ({@code user}, {@code assistant}) */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire or user-supplied role name, ignoring case.
     *
     * @param name {@code user} or {@code assistant}
     * @return the role
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static Role fromName(String name) {
        for (Role role : values()) {
            if (role.wireName.equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role '" + name + "': use 'user' or 'assistant'");
    }
}
