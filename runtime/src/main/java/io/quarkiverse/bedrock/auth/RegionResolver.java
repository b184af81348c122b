package io.quarkiverse.bedrock.auth;

import java.util.Optional;
import java.util.regex.Pattern;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** Chooses and validates the AWS region of a request. */
public final class RegionResolver {

    /** The region used when nothing else names one. */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$");

    private final Optional<String> configured;
    private final AwsEnvironment environment;

    /**
     * @param configured {@code quarkus.bedrock.region}
     * @param environment where {@code AWS_REGION} and {@code AWS_DEFAULT_REGION} are read
     */
    public RegionResolver(Optional<String> configured, AwsEnvironment environment) {
        this.configured = configured;
        this.environment = environment;
    }

    /**
     * @param options the request's options
     * @return the region: the request option, then {@code quarkus.bedrock.region}, then {@code AWS_REGION}, then
     *         {@code AWS_DEFAULT_REGION}, then {@code us-east-1}
     */
    public String resolve(BedrockOptions options) {
        if (options.region().isPresent()) {
            String region = options.region().get();
            if (!isValid(region)) {
                throw new InvalidRequestException("The region option '" + region + "' is not an AWS region (like us-east-1)");
            }
            return region;
        }
        if (configured.isPresent()) {
            return validated(configured.get(), "quarkus.bedrock.region");
        }
        Optional<String> env = environment.env("AWS_REGION");
        if (env.isPresent()) {
            return validated(env.get(), "AWS_REGION");
        }
        env = environment.env("AWS_DEFAULT_REGION");
        if (env.isPresent()) {
            return validated(env.get(), "AWS_DEFAULT_REGION");
        }
        return DEFAULT_REGION;
    }

    private static String validated(String region, String source) {
        if (!isValid(region)) {
            throw new BedrockConfigurationException(
                    source + " = '" + region + "' is not an AWS region: set " + source + " to a region like us-east-1");
        }
        return region;
    }

    /** @param region a candidate @return true when it has the shape of an AWS region name */
    public static boolean isValid(String region) {
        return region != null && REGION.matcher(region).matches();
    }
}
