package io.quarkiverse.bedrock.testing;

/**
 * The credentials the emulator accepts. They are public test values, not secrets: configure a client with them to talk
 * to the emulator.
 */
public final class EmulatorCredentials {

    /** Access key id the emulator knows. */
    public static final String ACCESS_KEY_ID = "AKIDBEDROCKEMULATOR1";
    /** Secret access key matching {@link #ACCESS_KEY_ID}. */
    public static final String SECRET_ACCESS_KEY = "bedrock-emulator-test-secret-not-a-real-key";
    /** Bedrock API key (bearer token) the emulator accepts. */
    public static final String API_KEY = "bedrock-emulator-api-key";
    /** Region to sign for; the emulator accepts any region. */
    public static final String REGION = "us-east-1";

    private EmulatorCredentials() {
    }

    /**
     * @param accessKeyId an access key id
     * @return its secret, or null when the emulator does not know the key
     */
    static String secretFor(String accessKeyId) {
        return ACCESS_KEY_ID.equals(accessKeyId) ? SECRET_ACCESS_KEY : null;
    }
}
