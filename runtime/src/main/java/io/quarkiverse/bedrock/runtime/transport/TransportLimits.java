package io.quarkiverse.bedrock.runtime.transport;

import java.time.Duration;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;

/**
 * The deadlines and size limits of one client's HTTP exchanges.
 *
 * @param prefix the client's property prefix, e.g. {@code quarkus.aws-bedrock.}, for messages naming a property
 * @param connectTimeout TCP (and TLS) connect
 * @param acquireTimeout waiting for a pooled connection (or HTTP/2 stream), connect included
 * @param headersTimeout from sending the request to the response headers
 * @param maxErrorBody bytes of an error answer kept for its message; the rest is not read
 * @param http2Connections HTTP/2 connections per event loop that streams are spread over
 */
public record TransportLimits(String prefix, Duration connectTimeout, Duration acquireTimeout, Duration headersTimeout,
        int maxErrorBody, int http2Connections) {

    /** AWS error bodies are well under 1 KB: this is plenty for a message, and little for a misdirected HTML page. */
    public static final int DEFAULT_MAX_ERROR_BODY = 64 * 1024;

    /** The default of {@code http2-max-connections}. */
    public static final int DEFAULT_HTTP2_CONNECTIONS = 16;

    /** The limits used when none are configured, e.g. by harnesses that build a transport directly. */
    public static TransportLimits defaults(String prefix, Duration connectTimeout) {
        return new TransportLimits(prefix, connectTimeout, Duration.ofSeconds(10), Duration.ofSeconds(60),
                DEFAULT_MAX_ERROR_BODY);
    }

    /** The limits with the default number of HTTP/2 connections. */
    public TransportLimits(String prefix, Duration connectTimeout, Duration acquireTimeout, Duration headersTimeout,
            int maxErrorBody) {
        this(prefix, connectTimeout, acquireTimeout, headersTimeout, maxErrorBody, DEFAULT_HTTP2_CONNECTIONS);
    }

    /**
     * @param settings a client's settings
     * @return its limits, after checking that every deadline of the client is positive
     * @throws BedrockConfigurationException naming the property to fix
     */
    public static TransportLimits of(ClientSettings settings) {
        ClientConfig config = settings.config();
        String prefix = settings.prefix();
        positive(prefix, "timeout", config.timeout());
        positive(prefix, "stream-timeout", config.streamTimeout());
        positive(prefix, "stream-idle-timeout", config.streamIdleTimeout());
        return new TransportLimits(prefix, config.connectTimeout(), config.connectionAcquireTimeout(),
                config.responseHeadersTimeout(), DEFAULT_MAX_ERROR_BODY, config.http2MaxConnections());
    }

    /**
     * @throws BedrockConfigurationException naming the property when a deadline is not positive (none can mean
     *         "forever") or a size is not positive
     */
    public TransportLimits {
        positive(prefix, "connect-timeout", connectTimeout);
        positive(prefix, "connection-acquire-timeout", acquireTimeout);
        positive(prefix, "response-headers-timeout", headersTimeout);
        if (maxErrorBody <= 0) {
            throw new IllegalArgumentException("maxErrorBody must be positive");
        }
        if (http2Connections <= 0) {
            throw new BedrockConfigurationException(prefix + "http2-max-connections = " + http2Connections
                    + " must be positive: set a number of connections like 8");
        }
    }

    /**
     * @param prefix the client's property prefix
     * @param property the property name after the prefix
     * @param value its value
     * @throws BedrockConfigurationException when the value is missing, zero or negative
     */
    public static void positive(String prefix, String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new BedrockConfigurationException(prefix + property + " = " + value
                    + " must be positive (there is no 'forever'): set a duration like 30S");
        }
    }
}
