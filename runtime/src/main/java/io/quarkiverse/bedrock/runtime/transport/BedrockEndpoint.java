package io.quarkiverse.bedrock.runtime.transport;

import java.net.URI;
import java.util.Optional;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** Computes the base URI of the Bedrock Runtime endpoint. */
public final class BedrockEndpoint {

    private BedrockEndpoint() {
    }

    /**
     * @param region the region (checked again here: it goes into a host name)
     * @param override {@code quarkus.aws-bedrock.endpoint-override}
     * @return the override when set, else {@code https://bedrock-runtime.<region>.<partition DNS suffix>}:
     *         {@code amazonaws.com} (commercial and GovCloud), {@code amazonaws.com.cn} (China), and the suffixes of the
     *         ISO and European Sovereign Cloud partitions, from the AWS SDK's partition data
     * @throws BedrockConfigurationException when the override is not an absolute http(s) URL or the region is not an AWS
     *         region name
     */
    public static URI baseUri(String region, Optional<URI> override) {
        if (override.isPresent()) {
            URI uri = override.get();
            if (uri.getRawUserInfo() != null) {
                // never print the URI itself: its user info may hold a password
                throw new BedrockConfigurationException("quarkus.aws-bedrock.endpoint-override holds user info"
                        + " (user:password@): remove it, Bedrock requests are authenticated by their signature;"
                        + " the endpoint is then " + withoutUserInfo(uri));
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new BedrockConfigurationException("quarkus.aws-bedrock.endpoint-override = '" + uri
                        + "' is not an absolute http(s) URL without query or fragment:"
                        + " set it like https://bedrock-runtime.us-east-1.amazonaws.com or http://127.0.0.1:8080");
            }
            return uri;
        }
        if (!RegionResolver.isValid(region)) {
            throw new BedrockConfigurationException("'" + RegionResolver.printable(region)
                    + "' is not an AWS region: set quarkus.aws-bedrock.region to a region like us-east-1");
        }
        return URI.create("https://bedrock-runtime." + region + "." + dnsSuffix(region));
    }

    /** @return the URI without its user info */
    private static String withoutUserInfo(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** @param region a valid region name @return the DNS suffix of its partition, e.g. {@code amazonaws.com.cn} */
    static String dnsSuffix(String region) {
        return PartitionMetadata.of(Region.of(region)).dnsSuffix();
    }
}
