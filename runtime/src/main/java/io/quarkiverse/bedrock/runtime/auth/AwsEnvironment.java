package io.quarkiverse.bedrock.runtime.auth;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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

    /**
     * @return the user's home directory, where {@code .aws/credentials} and {@code .aws/config} are looked for:
     *         {@code HOME}, then the {@code user.home} system property
     */
    default Optional<String> home() {
        return env("HOME").or(() -> property("user.home"));
    }

    /**
     * An environment read from maps (read when asked, so later changes to the maps are seen), for tests and for
     * callers that resolve without the process environment.
     *
     * @param env environment variables
     * @param properties system properties
     * @return the environment
     */
    static AwsEnvironment of(Map<String, String> env, Map<String, String> properties) {
        Map<String, String> e = Collections.unmodifiableMap(env);
        Map<String, String> p = Collections.unmodifiableMap(properties);
        return new AwsEnvironment() {
            @Override
            public Optional<String> env(String name) {
                return nonBlank(e.get(name));
            }

            @Override
            public Optional<String> property(String name) {
                return nonBlank(p.get(name));
            }

            @Override
            public String toString() {
                // values can be secrets: names only
                return "AwsEnvironment[env=" + new TreeSet<>(e.keySet()) + ", properties="
                        + new TreeSet<>(p.keySet()) + "]";
            }
        };
    }

    /** @param value a value @return it, when not null or blank */
    static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
