package io.quarkiverse.bedrock.api.error;

import java.time.Duration;

/**
 * A deadline of this client ran out: no connection, no response headers, or no complete answer in time. The server
 * did not answer with an error; the client gave up. Retrying later may succeed.
 */
public class BedrockTimeoutException extends BedrockException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final transient Duration limit;

    /**
     * @param property the configuration property that set the deadline, e.g.
     *        {@code quarkus.aws-bedrock.response-headers-timeout}
     * @param limit the deadline
     * @param what what did not happen in time, e.g. "No response headers"
     */
    public BedrockTimeoutException(String property, Duration limit, String what) {
        super(what + " within " + property + " = " + limit);
        this.property = property;
        this.limit = limit;
    }

    /** @return the property that set the deadline that ran out */
    public String property() {
        return property;
    }

    /** @return the deadline that ran out */
    public Duration limit() {
        return limit;
    }
}
