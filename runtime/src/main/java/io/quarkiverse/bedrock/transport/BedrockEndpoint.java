package io.quarkiverse.bedrock.transport;

import java.net.URI;
import java.util.Optional;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.auth.RegionResolver;

/** Computes the base URI of the Bedrock Runtime endpoint. */
public final class BedrockEndpoint {

    private BedrockEndpoint() {
    }

    /**
     * @param region a validated region
     * @param override {@code quarkus.bedrock.endpoint-override}
     * @return the override when set, else {@code https://bedrock-runtime.<region>.<partition suffix>}
     */
    public static URI baseUri(String region, Optional<URI> override) {
        if (override.isPresent()) {
            URI uri = override.get();
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new BedrockConfigurationException("quarkus.bedrock.endpoint-override = '" + uri
                        + "' is not an absolute http(s) URL: set it like https://bedrock-runtime.us-east-1.amazonaws.com");
            }
            return uri;
        }
        if (!RegionResolver.isValid(region)) {
            throw new BedrockConfigurationException("'" + region + "' is not an AWS region: set quarkus.bedrock.region");
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://bedrock-runtime." + region + "." + suffix);
    }
}
