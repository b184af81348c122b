package io.quarkiverse.bedrock.runtime.auth;

import java.util.Optional;
import java.util.regex.Pattern;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.spi.BedrockKey;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;

/**
 * Chooses and validates the AWS region of a request. A region goes into a host name, so anything that is not shaped
 * like an AWS region ({@code us-east-1.evil.example}, {@code x/../}, spaces, non-ASCII) is rejected, naming where it came
 * from.
 */
public final class RegionResolver {

    /** The region used when nothing else names one. */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern REGION = Pattern.compile("[a-z]{2,5}(-[a-z]+)+-[0-9]{1,2}");

    private final Optional<String> configured;
    private final AwsEnvironment environment;
    private final BedrockKeyStore keyStore;
    private final String clientName;
    private final AwsProfiles profiles;
    private final String configProperty;
    private volatile Optional<String> profileRegion;

    /**
     * A resolver without key store, reading the profile named by {@code AWS_PROFILE} (or {@code default}).
     *
     * @param configured {@code quarkus.aws-bedrock.region}
     * @param environment where {@code AWS_REGION} and {@code AWS_DEFAULT_REGION} are read
     */
    public RegionResolver(Optional<String> configured, AwsEnvironment environment) {
        this(configured, environment, new BedrockKeyStore(), BedrockKeyStore.DEFAULT_CLIENT,
                new AwsProfiles(environment, Optional.empty()));
    }

    /**
     * @param configured {@code quarkus.aws-bedrock.region} (of this client)
     * @param environment where {@code AWS_REGION} and {@code AWS_DEFAULT_REGION} are read
     * @param keyStore keys (and regions) set at run time
     * @param clientName the client whose key store entry applies ({@link BedrockKeyStore#DEFAULT_CLIENT} for the default)
     * @param profiles the AWS shared configuration files, for the profile's {@code region}
     */
    public RegionResolver(Optional<String> configured, AwsEnvironment environment, BedrockKeyStore keyStore,
            String clientName, AwsProfiles profiles) {
        this.configured = configured.filter(r -> !r.isBlank());
        this.environment = environment;
        this.keyStore = keyStore;
        this.clientName = clientName;
        this.profiles = profiles;
        this.configProperty = ClientSettings.prefix(clientName) + "region";
    }

    /**
     * @param options the request's options
     * @return the region: the request option, else {@link #withoutOptions()}
     * @throws InvalidRequestException when the request option is not a region
     * @throws BedrockConfigurationException when the configured or environment region is not a region
     */
    public String resolve(BedrockOptions options) {
        if (options.region().isPresent()) {
            String region = options.region().get();
            if (!isValid(region)) {
                throw new InvalidRequestException("The region option '" + printable(region)
                        + "' is not an AWS region: give a region like us-east-1");
            }
            return region;
        }
        return withoutOptions().region();
    }

    /**
     * A region and where it came from.
     *
     * @param region the region
     * @param source where it came from, e.g. {@code AWS_REGION}
     */
    public record Resolved(String region, String source) {
    }

    /**
     * The region chain without a request: the key store entry's region, {@code quarkus.aws-bedrock.region}, the
     * {@code aws.region} system property, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the AWS profile's
     * {@code region}, then {@code us-east-1}. The order of the AWS SDK's {@code DefaultAwsRegionProviderChain}, without
     * its last step (the EC2 metadata service: a network call that blocks for a second off EC2) and with
     * {@code AWS_DEFAULT_REGION}, which the AWS CLI reads.
     *
     * @return the region and its source
     * @throws BedrockConfigurationException when the source that wins holds no region
     */
    public Resolved withoutOptions() {
        Optional<String> stored = keyStore.get(clientName).flatMap(BedrockKey::region);
        if (stored.isPresent()) {
            return new Resolved(stored.get(), "key store (" + clientName + ")"); // validated when the key was built
        }
        if (configured.isPresent()) {
            return resolved(configured.get(), configProperty);
        }
        Optional<String> property = environment.property("aws.region");
        if (property.isPresent()) {
            return resolved(property.get(), "the aws.region system property");
        }
        for (String variable : new String[] { "AWS_REGION", "AWS_DEFAULT_REGION" }) {
            Optional<String> env = environment.env(variable);
            if (env.isPresent()) {
                return resolved(env.get(), variable);
            }
        }
        Optional<String> fromProfile = profileRegion();
        if (fromProfile.isPresent()) {
            return resolved(fromProfile.get(), "the region of AWS profile '" + profiles.profileName() + "'");
        }
        return new Resolved(DEFAULT_REGION, "the default region");
    }

    private static Resolved resolved(String region, String source) {
        return new Resolved(validated(region, source), source);
    }

    private Optional<String> profileRegion() {
        // read once: the files are small, and the region of a running client does not change under it
        Optional<String> r = profileRegion;
        if (r == null) {
            r = profiles.region();
            profileRegion = r;
        }
        return r;
    }

    private static String validated(String region, String source) {
        if (!isValid(region)) {
            throw new BedrockConfigurationException(source + " = '" + printable(region)
                    + "' is not an AWS region: set it to a region like us-east-1");
        }
        return region;
    }

    /** @param region a candidate @return true when it has the shape of an AWS region name, like {@code eu-west-3} */
    public static boolean isValid(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    /**
     * @param value text to show in an error message
     * @return it with control and non-ASCII characters as {@code \\uXXXX}, cut to 100 characters
     */
    public static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        shown.chars().forEach(c -> {
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
