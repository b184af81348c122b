package io.quarkiverse.bedrock.runtime.auth;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks that credentials can go into HTTP headers before a request is signed: the whitespace around a value (a
 * secret mounted from a file ends with a line break) is dropped; a line break or control character inside a value is
 * rejected with an error that names the value's field and source, never the value. Without this, the HTTP client
 * rejects the header with an {@code IllegalArgumentException} that quotes the whole value.
 */
public final class CredentialText {

    private CredentialText() {
    }

    /**
     * @param auth resolved credentials
     * @return the same credentials, with surrounding whitespace removed from each value
     * @throws BedrockConfigurationException naming the field and the source when a value holds a character a header
     *         cannot carry
     */
    public static AwsAuth clean(AwsAuth auth) {
        if (auth instanceof AwsAuth.Bearer bearer) {
            String token = value(bearer.token(), "API key", bearer.source());
            return token.equals(bearer.token()) ? bearer : new AwsAuth.Bearer(token, bearer.source());
        }
        AwsAuth.SigV4 sigV4 = (AwsAuth.SigV4) auth;
        AwsCredentialsIdentity id = sigV4.identity();
        String accessKeyId = value(id.accessKeyId(), "access key id", sigV4.source());
        String secret = value(id.secretAccessKey(), "secret access key", sigV4.source());
        if (id instanceof AwsSessionCredentialsIdentity session) {
            String token = value(session.sessionToken(), "session token", sigV4.source());
            if (accessKeyId.equals(id.accessKeyId()) && secret.equals(id.secretAccessKey())
                    && token.equals(session.sessionToken())) {
                return auth;
            }
            return new AwsAuth.SigV4(AwsSessionCredentialsIdentity.create(accessKeyId, secret, token), sigV4.source());
        }
        if (accessKeyId.equals(id.accessKeyId()) && secret.equals(id.secretAccessKey())) {
            return auth;
        }
        return new AwsAuth.SigV4(AwsCredentialsIdentity.create(accessKeyId, secret), sigV4.source());
    }

    private static String value(String raw, String field, String source) {
        if (raw == null) {
            throw new BedrockConfigurationException("The " + field + " from " + source + " is missing");
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            throw new BedrockConfigurationException("The " + field + " from " + source + " is blank: set its value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new BedrockConfigurationException("The " + field + " from " + source
                        + " contains a line break or control character (at position " + i + " of "
                        + value.length() + "): fix its value (not shown here)");
            }
        }
        return value;
    }
}
