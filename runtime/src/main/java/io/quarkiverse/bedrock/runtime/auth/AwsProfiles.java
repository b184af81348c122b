package io.quarkiverse.bedrock.runtime.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The AWS shared configuration files ({@code ~/.aws/credentials} and {@code ~/.aws/config}) and the profile to read
 * from them, located through an {@link AwsEnvironment} so that tests can point them at a temporary directory. Files are
 * read again when they change (rotation of keys written by another tool).
 */
public final class AwsProfiles {

    private final AwsEnvironment environment;
    private final Optional<String> configuredProfile;
    private volatile Supplier<ProfileFile> files;

    /**
     * @param environment where {@code AWS_PROFILE}, {@code AWS_SHARED_CREDENTIALS_FILE}, {@code AWS_CONFIG_FILE} and the
     *        home directory are read
     * @param configuredProfile {@code quarkus.aws-bedrock.credentials.profile-name}
     */
    public AwsProfiles(AwsEnvironment environment, Optional<String> configuredProfile) {
        this.environment = environment;
        this.configuredProfile = configuredProfile.filter(p -> !p.isBlank());
    }

    /**
     * @return the profile name: {@code quarkus.aws-bedrock.credentials.profile-name}, then {@code AWS_PROFILE}, then the
     *         {@code aws.profile} system property, then {@code default}
     */
    public String profileName() {
        return configuredProfile.or(() -> environment.env("AWS_PROFILE"))
                .or(() -> environment.property("aws.profile")).orElse("default");
    }

    /** @return the aggregated credentials and config files (empty when neither exists) */
    public Supplier<ProfileFile> files() {
        Supplier<ProfileFile> f = files;
        if (f == null) {
            synchronized (this) {
                if (files == null) {
                    files = load();
                }
                f = files;
            }
        }
        return f;
    }

    /**
     * Reads a file; call it off the event loop.
     *
     * @return the {@code region} of the profile, when the files name one
     */
    public Optional<String> region() {
        return files().get().profile(profileName()).flatMap(p -> p.property(ProfileProperty.REGION))
                .filter(r -> !r.isBlank());
    }

    /** @return the credentials file path: {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials} */
    Optional<Path> credentialsFile() {
        return file("AWS_SHARED_CREDENTIALS_FILE", "aws.sharedCredentialsFile", "credentials");
    }

    /** @return the config file path: {@code AWS_CONFIG_FILE}, else {@code ~/.aws/config} */
    Optional<Path> configFile() {
        return file("AWS_CONFIG_FILE", "aws.configFile", "config");
    }

    private Optional<Path> file(String variable, String property, String name) {
        Optional<String> explicit = environment.env(variable).or(() -> environment.property(property));
        if (explicit.isPresent()) {
            return Optional.of(Paths.get(expandHome(explicit.get())));
        }
        return environment.home().map(home -> Paths.get(home, ".aws", name));
    }

    private String expandHome(String path) {
        if (path.startsWith("~/") || path.equals("~")) {
            return environment.home().map(h -> h + path.substring(1)).orElse(path);
        }
        return path;
    }

    private Supplier<ProfileFile> load() {
        Optional<Path> config = configFile();
        Optional<Path> credentials = credentialsFile();
        return new Supplier<>() {
            private List<Object> stamp;
            private ProfileFile current;

            @Override
            public synchronized ProfileFile get() {
                List<Object> now = List.of(stamp(config), stamp(credentials));
                if (!now.equals(stamp)) {
                    current = read(config, credentials);
                    stamp = now;
                }
                return current;
            }
        };
    }

    /** @return what tells that a file changed: its modification time and size, or "absent" */
    private static Object stamp(Optional<Path> file) {
        try {
            if (file.isEmpty() || !Files.isRegularFile(file.get())) {
                return "absent";
            }
            return List.of(Files.getLastModifiedTime(file.get()), Files.size(file.get()));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static ProfileFile read(Optional<Path> config, Optional<Path> credentials) {
        ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
        config.filter(Files::isRegularFile).ifPresent(p -> aggregator
                .addFile(ProfileFile.builder().content(p).type(ProfileFile.Type.CONFIGURATION).build()));
        credentials.filter(Files::isRegularFile).ifPresent(p -> aggregator
                .addFile(ProfileFile.builder().content(p).type(ProfileFile.Type.CREDENTIALS).build()));
        return aggregator.build();
    }

    @Override
    public String toString() {
        return "AwsProfiles[profile=" + profileName() + "]";
    }
}
