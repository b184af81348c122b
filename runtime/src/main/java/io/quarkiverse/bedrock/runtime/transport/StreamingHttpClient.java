package io.quarkiverse.bedrock.runtime.transport;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Sends a signed POST and hands the event-stream body out as Vert.x {@link Buffer}s, read on demand: the stream is
 * paused while the subscriber has not asked for more (HTTP/2 flow control, or a paused HTTP/1.1 connection), and reset
 * when it cancels (an HTTP/2 stream reset, or the HTTP/1.1 connection closed).
 * <p>
 * The Vert.x client is used here rather than the REST client because a stream needs the status and the
 * {@code x-amzn-RequestId} header before its body, and an error body read whole instead of streamed.
 */
public final class StreamingHttpClient {

    /**
     * Concurrent streams per endpoint and event loop, as the Quarkus REST client's default connection pool size.
     */
    static final int MAX_CONNECTIONS = 50;

    private final EventLoopClients clients;
    private final String userAgent;
    private final Vertx vertx;

    /**
     * @param vertx the application's Vert.x instance
     * @param connectTimeoutMillis connection timeout
     * @param http2 whether to use HTTP/2 (negotiated over TLS, prior knowledge over plain http)
     * @param userAgent the {@code User-Agent} header of every request
     */
    public StreamingHttpClient(Vertx vertx, int connectTimeoutMillis, boolean http2, String userAgent) {
        this.userAgent = userAgent;
        this.vertx = vertx;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(connectTimeoutMillis)
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setDecompressionSupported(false);
        if (http2) {
            options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2ClearTextUpgrade(false);
        }
        // each HTTP/1.1 stream holds its connection until the answer ends: Vert.x's default of 5 connections would
        // queue the sixth concurrent stream; HTTP/2 opens another connection only when one is at its stream limit
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setHttp2MaxSize(MAX_CONNECTIONS);
        this.clients = new EventLoopClients((VertxInternal) vertx.getDelegate(),
                () -> vertx.createHttpClient(options, pool), http2 ? 1 : Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param configured {@code http2}, if set
     * @param endpointOverride {@code endpoint-override}, if set
     * @return the setting when set; otherwise HTTP/2 unless the endpoint is plain http (AWS endpoints are https, and
     *         there it is negotiated)
     */
    public static boolean usesHttp2(Optional<Boolean> configured, Optional<URI> endpointOverride) {
        return configured.orElseGet(() -> endpointOverride.map(uri -> !"http".equalsIgnoreCase(uri.getScheme()))
                .orElse(true));
    }

    /**
     * A streaming answer whose status was 2xx.
     *
     * @param requestId the {@code x-amzn-RequestId} header, may be null
     * @param body the body, chunk by chunk as it arrives
     */
    public record StreamingAnswer(String requestId, Multi<Buffer> body) {
    }

    /**
     * @param uri the exact URI (path already encoded)
     * @param headers headers to send, signature included
     * @param body the request body
     * @return the answer once its headers arrived; a non-2xx answer fails with the typed service exception
     */
    public Uni<StreamingAnswer> post(URI uri, Map<String, String> headers, byte[] body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString());
        headers.forEach(options::putHeader);
        options.putHeader("Content-Type", "application/json");
        options.putHeader("Accept", "application/vnd.amazon.eventstream");
        options.putHeader("User-Agent", userAgent);
        return clients.on(client -> client.request(options)
                // the Mutiny request takes the Mutiny Buffer; this class hands out the core Buffer, hence the full name
                .chain(request -> request.send(io.vertx.mutiny.core.buffer.Buffer.buffer(body))
                        .chain(response -> answer(request, response))));
    }

    private static Uni<StreamingAnswer> answer(HttpClientRequest request, HttpClientResponse response) {
        String requestId = response.getHeader("x-amzn-RequestId");
        if (response.statusCode() / 100 != 2) {
            return response.body().map(b -> {
                throw ServiceErrors.fromResponse(response.statusCode(), response::getHeader, b.getBytes());
            });
        }
        Multi<Buffer> bytes = response.toMulti()
                .map(read -> read.getDelegate())
                .onCancellation().invoke(() -> {
                    // the reset fails the response: that failure must not reach a subscriber that already left
                    response.getDelegate().exceptionHandler(ignored -> {
                    });
                    request.reset();
                });
        return Uni.createFrom().item(new StreamingAnswer(requestId, bytes));
    }

    /** @return the Vert.x instance whose event loops carry the streams */
    public io.vertx.core.Vertx vertx() {
        return vertx.getDelegate();
    }

    /** Closes the connections. */
    public void close() {
        clients.close();
    }
}
