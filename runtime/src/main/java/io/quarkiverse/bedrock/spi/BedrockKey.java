package io.quarkiverse.bedrock.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A composite Bedrock key, the counterpart of ReqLLM's {@code put_key(:aws_bedrock, %{...})}: AWS keys (with an
 * optional STS session token) or a Bedrock API key, and optionally the region to use with them. Kept in a
 * {@link BedrockKeyStore}. {@link #toString()} never shows the secret key, the session token or the API key.
 */
public final class BedrockKey {

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String apiKey;
    private final String region;

    private BedrockKey(String accessKeyId, String secretAccessKey, String sessionToken, String apiKey, String region) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.apiKey = apiKey;
        this.region = region;
        if (region != null && !RegionResolver.isValid(region)) {
            throw new BedrockConfigurationException("The key store region '" + RegionResolver.printable(region)
                    + "' is not an AWS region: give a region like us-east-1");
        }
    }

    /**
     * @param accessKeyId AWS access key id
     * @param secretAccessKey AWS secret access key
     * @return a key signing with SigV4
     * @throws BedrockConfigurationException when either part is missing or blank
     */
    public static BedrockKey ofKeys(String accessKeyId, String secretAccessKey) {
        return ofKeys(accessKeyId, secretAccessKey, null);
    }

    /**
     * @param accessKeyId AWS access key id (of temporary credentials: {@code ASIA...})
     * @param secretAccessKey AWS secret access key
     * @param sessionToken STS session token, or null
     * @return a key signing with SigV4, sending the token as {@code x-amz-security-token}
     * @throws BedrockConfigurationException when the key id or the secret is missing or blank
     */
    public static BedrockKey ofKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
        if (isBlank(accessKeyId)) {
            throw new BedrockConfigurationException("The key store entry has no access key id: give both the access key id"
                    + " and the secret access key");
        }
        if (isBlank(secretAccessKey)) {
            throw new BedrockConfigurationException("The key store entry for access key id " + accessKeyId
                    + " has a missing or empty secret access key: give both the access key id and the secret access key");
        }
        if (sessionToken != null && sessionToken.isBlank()) {
            throw new BedrockConfigurationException("The key store entry for access key id " + accessKeyId
                    + " has an empty session token: give the STS session token, or null for long-term keys");
        }
        return new BedrockKey(accessKeyId, secretAccessKey, sessionToken, null, null);
    }

    /**
     * @param apiKey a Bedrock API key
     * @return a key sent as {@code Authorization: Bearer}
     * @throws BedrockConfigurationException when the key is missing or blank
     */
    public static BedrockKey ofApiKey(String apiKey) {
        if (isBlank(apiKey)) {
            throw new BedrockConfigurationException("The key store API key is missing or empty: give the Bedrock API key");
        }
        return new BedrockKey(null, null, null, apiKey, null);
    }

    /**
     * Reads a composite key from ReqLLM's map form: {@code access_key_id}, {@code secret_access_key},
     * {@code session_token}, {@code api_key}, {@code region} (camelCase names are accepted too).
     *
     * @param map the key
     * @return the key
     * @throws BedrockConfigurationException naming the entry to fix
     */
    public static BedrockKey fromMap(Map<String, String> map) {
        String apiKey = get(map, "api_key", "apiKey");
        String accessKeyId = get(map, "access_key_id", "accessKeyId");
        String secret = get(map, "secret_access_key", "secretAccessKey");
        String token = get(map, "session_token", "sessionToken");
        String region = get(map, "region", "region");
        for (String name : map.keySet()) {
            if (!Set.of("api_key", "apiKey", "access_key_id", "accessKeyId", "secret_access_key",
                    "secretAccessKey", "session_token", "sessionToken", "region").contains(name)) {
                throw new BedrockConfigurationException("Unknown key store entry '" + name
                        + "': use access_key_id, secret_access_key, session_token, api_key or region");
            }
        }
        BedrockKey key = apiKey != null && accessKeyId == null && secret == null ? ofApiKey(apiKey)
                : ofKeys(accessKeyId, secret, token);
        if (apiKey != null && key.apiKey == null) {
            throw new BedrockConfigurationException(
                    "The key store entry has both an API key and AWS keys: give one or the other");
        }
        return region == null ? key : key.withRegion(region);
    }

    private static String get(Map<String, String> map, String snake, String camel) {
        String v = map.get(snake);
        return v != null ? v : map.get(camel);
    }

    /**
     * @param region the AWS region to use with this key, e.g. {@code eu-west-3}
     * @return a copy with that region
     * @throws BedrockConfigurationException when the region is not an AWS region name
     */
    public BedrockKey withRegion(String region) {
        return new BedrockKey(accessKeyId, secretAccessKey, sessionToken, apiKey, region);
    }

    /** @return the access key id (not a secret) */
    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    /** @return the region to use with this key */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** @return true for a Bedrock API key, false for AWS keys */
    public boolean isApiKey() {
        return apiKey != null;
    }

    /** @return the AWS credentials of this key, empty for a Bedrock API key (the SDK identity masks its secrets) */
    public Optional<AwsCredentialsIdentity> credentials() {
        if (apiKey != null) {
            return Optional.empty();
        }
        return Optional.of(sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken));
    }

    /** @return the Bedrock API key, empty for AWS keys; a secret: never log it */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return apiKey != null ? "BedrockKey[apiKey=****, region=" + region + "]"
                : "BedrockKey[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                        + (sessionToken != null ? ", sessionToken=****" : "") + ", region=" + region + "]";
    }
}
