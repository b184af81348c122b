package io.quarkiverse.bedrock.runtime.auth;

import java.util.Objects;

import io.quarkiverse.bedrock.spi.BedrockKey;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** How one request authenticates: a SigV4 signature or a Bedrock API key. */
public sealed interface AwsAuth {

    /**
     * @param key a key from the key store
     * @param source where it came from, for diagnostics
     * @return the authentication the key gives
     */
    static AwsAuth of(BedrockKey key, String source) {
        return key.apiKey().<AwsAuth> map(token -> new Bearer(token, source))
                .orElseGet(() -> new SigV4(key.credentials().orElseThrow(), source));
    }

    /**
     * SigV4 signing with AWS credentials.
     *
     * @param identity the credentials (an {@code AwsSessionCredentialsIdentity} carries a session token)
     * @param source where they came from, for diagnostics (never the secret itself)
     */
    record SigV4(AwsCredentialsIdentity identity, String source) implements AwsAuth {
        /** Checks the credentials are present. */
        public SigV4 {
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public String toString() {
            return "SigV4[accessKeyId=" + identity.accessKeyId() + ", source=" + source + "]";
        }
    }

    /**
     * A Bedrock API key, sent as {@code Authorization: Bearer}.
     *
     * @param token the key
     * @param source where it came from, for diagnostics
     */
    record Bearer(String token, String source) implements AwsAuth {
        /** Checks the key is present. */
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[token=****, source=" + source + "]";
        }
    }
}
