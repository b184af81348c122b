package io.quarkiverse.bedrock.deployment.devservices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether Dev Services may replace AWS with the emulator: only when the app has no endpoint override and no
 * AWS credentials can be found. Reads configuration, environment, system properties and the shared credentials file
 * through functions so tests can stage any environment.
 */
public final class AmbientCredentials {

    static final String ENDPOINT_OVERRIDE = "quarkus.aws-bedrock.endpoint-override";
    static final List<String> CONFIGURED_CREDENTIALS = List.of("quarkus.aws-bedrock.credentials.access-key-id",
            "quarkus.aws-bedrock.credentials.secret-access-key", "quarkus.aws-bedrock.credentials.api-key");

    private final Function<String, Optional<String>> config;
    private final Function<String, String> env;
    private final Function<String, String> systemProperty;
    private final Path home;

    /**
     * @param config the application configuration
     * @param env the environment
     * @param systemProperty the system properties
     * @param home the user home directory
     */
    public AmbientCredentials(Function<String, Optional<String>> config, Function<String, String> env,
            Function<String, String> systemProperty, Path home) {
        this.config = config;
        this.env = env;
        this.systemProperty = systemProperty;
        this.home = home;
    }

    /**
     * @param ignoreAmbient whether credentials from the environment, system properties or files are ignored
     * @return why the emulator must not start, or empty when it may
     */
    public Optional<String> reasonNotToStart(boolean ignoreAmbient) {
        if (isSet(config.apply(ENDPOINT_OVERRIDE).orElse(null))) {
            return Optional.of(ENDPOINT_OVERRIDE + " is set");
        }
        for (String key : CONFIGURED_CREDENTIALS) {
            if (isSet(config.apply(key).orElse(null))) {
                return Optional.of(key + " is set");
            }
        }
        if (ignoreAmbient) {
            return Optional.empty();
        }
        for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_BEARER_TOKEN_BEDROCK")) {
            if (isSet(env.apply(name))) {
                return Optional.of("the " + name + " environment variable is set");
            }
        }
        if (isSet(systemProperty.apply("aws.accessKeyId"))) {
            return Optional.of("the aws.accessKeyId system property is set");
        }
        String file = env.apply("AWS_SHARED_CREDENTIALS_FILE");
        Path credentials = isSet(file) ? Path.of(file) : home.resolve(".aws").resolve("credentials");
        if (Files.isRegularFile(credentials)) {
            return Optional.of("AWS credentials file " + credentials + " exists");
        }
        return Optional.empty();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
