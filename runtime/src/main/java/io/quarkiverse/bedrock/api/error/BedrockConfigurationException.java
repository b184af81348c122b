package io.quarkiverse.bedrock.api.error;

/**
 * The configuration does not allow a request to be sent (no credentials, an invalid region, a malformed endpoint...).
 * The message names the property or environment variable to set.
 */
public class BedrockConfigurationException extends BedrockException {

    private static final long serialVersionUID = 1L;

    /** @param message what is missing or wrong, naming the property to set */
    public BedrockConfigurationException(String message) {
        super(message);
    }
}
