package io.quarkiverse.bedrock.runtime.auth;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSupplier;
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

    /** The AWS SDK's own reloading suppliers: a file that appears or changes later is read again on the next use. */
    private Supplier<ProfileFile> load() {
        List<ProfileFileSupplier> files = new ArrayList<>();
        configFile().ifPresent(p -> files.add(ProfileFileSupplier.reloadWhenModified(p, ProfileFile.Type.CONFIGURATION)));
        credentialsFile().ifPresent(p -> files.add(ProfileFileSupplier.reloadWhenModified(p, ProfileFile.Type.CREDENTIALS)));
        return files.isEmpty() ? ProfileFile.aggregator()::build
                : ProfileFileSupplier.aggregate(files.toArray(ProfileFileSupplier[]::new));
    }

    @Override
    public String toString() {
        return "AwsProfiles[profile=" + profileName() + "]";
    }
}
