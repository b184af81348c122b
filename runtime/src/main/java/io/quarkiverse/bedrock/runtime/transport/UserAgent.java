package io.quarkiverse.bedrock.runtime.transport;

import java.util.Optional;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;

/** The {@code User-Agent} header of a client's requests: this extension's name, then the configured suffix. */
public final class UserAgent {

    /** What every request says it is. */
    public static final String BASE = "quarkus-aws-bedrock";

    private UserAgent() {
    }

    /**
     * @param suffix {@code user-agent-suffix}, if set
     * @return the header value
     */
    public static String of(Optional<String> suffix) {
        return suffix.map(String::strip).filter(s -> !s.isEmpty()).map(s -> BASE + " " + s).orElse(BASE);
    }

    /**
     * @param suffix {@code user-agent-suffix}, if set
     * @param property its property name, for the message
     * @throws BedrockConfigurationException when it holds characters a header value cannot carry
     */
    public static void validate(Optional<String> suffix, String property) {
        if (suffix.isPresent() && suffix.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f || c > 0x7e)) {
            throw new BedrockConfigurationException(property + " may hold only printable ASCII characters (no line"
                    + " breaks): fix its value");
        }
    }
}
