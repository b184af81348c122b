package io.quarkiverse.bedrock.auth;

import java.util.Optional;

/** Reads environment variables and system properties; replaceable in tests. */
public interface AwsEnvironment {

    /** The process environment and system properties. */
    AwsEnvironment SYSTEM = new AwsEnvironment() {
        @Override
        public Optional<String> env(String name) {
            return nonBlank(System.getenv(name));
        }

        @Override
        public Optional<String> property(String name) {
            return nonBlank(System.getProperty(name));
        }
    };

    /** @param name variable name @return its value when set and not blank */
    Optional<String> env(String name);

    /** @param name system property name @return its value when set and not blank */
    Optional<String> property(String name);

    /** @param value a value @return it, when not null or blank */
    static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
