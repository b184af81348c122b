package io.quarkiverse.bedrock.runtime.telemetry;

import java.net.URI;

/**
 * The host and port a client sends to ({@code server.address}, {@code server.port}).
 *
 * @param host the host name or address
 * @param port the port, the scheme's default when the URI has none
 */
public record ServerAddress(String host, int port) {

    /** Unknown address (the region could not be resolved): no server attribute is recorded. */
    public static final ServerAddress UNKNOWN = new ServerAddress(null, -1);

    /** @param uri a base URI @return its host and port */
    public static ServerAddress of(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new ServerAddress(uri.getHost(), port);
    }
}
