package io.quarkiverse.bedrock.runtime.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.mutiny.vertx.MultiHelper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends a signed POST and hands the event-stream body out as Vert.x {@link Buffer}s, read on demand: the stream is
 * paused while the subscriber has not asked for more (HTTP/2 flow control, or a paused HTTP/1.1 connection), and reset
 * when it cancels (an HTTP/2 stream reset, or the HTTP/1.1 connection closed).
 * <p>
 * The Vert.x client is used here rather than the REST client because a stream needs the status and the
 * {@code x-amzn-RequestId} header before its body, and an error body read whole instead of streamed. Non-streaming
 * calls go through it too ({@link #postForAnswer}), because the REST client reads a whole answer into memory before
 * the caller sees its size.
 */
public final class StreamingHttpClient {

    /**
     * Concurrent streams per endpoint and event loop, as the Quarkus REST client's default connection pool size.
     */
    static final int MAX_CONNECTIONS = 50;

    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    /**
     * The header names this client sends, in the lower case HTTP/2 puts on the wire: given any other way, Vert.x
     * lower-cases each name of each request again (a char array and a string per name).
     */
    private static final Map<String, String> HTTP2_NAMES = Stream
            .of("Authorization", "X-Amz-Date", "X-Amz-Security-Token", "x-amz-content-sha256", "Content-Type", "Accept",
                    "User-Agent")
            .collect(Collectors.toUnmodifiableMap(Function.identity(), n -> n.toLowerCase(Locale.ROOT)));

    private final EventLoopClients clients;
    private final boolean http2;
    private final ConnectionResets resets = new ConnectionResets();
    private final DeadlineScheduler deadlines = new DeadlineScheduler();
    private final String userAgent;
    private final TransportLimits limits;
    private final Vertx vertx;

    /**
     * @param vertx the application's Vert.x instance
     * @param connectTimeoutMillis connection timeout
     * @param http2 whether to use HTTP/2 (negotiated over TLS, prior knowledge over plain http)
     * @param userAgent the {@code User-Agent} header of every request
     */
    public StreamingHttpClient(Vertx vertx, int connectTimeoutMillis, boolean http2, String userAgent) {
        this(vertx, TransportLimits.defaults("quarkus.aws-bedrock.", Duration.ofMillis(connectTimeoutMillis)), http2,
                userAgent);
    }

    /**
     * @param vertx the application's Vert.x instance
     * @param limits deadlines and size limits
     * @param http2 whether to use HTTP/2 (negotiated over TLS, prior knowledge over plain http)
     * @param userAgent the {@code User-Agent} header of every request
     */
    public StreamingHttpClient(Vertx vertx, TransportLimits limits, boolean http2, String userAgent) {
        this.userAgent = userAgent;
        this.limits = limits;
        this.http2 = http2;
        this.vertx = vertx;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, limits.connectTimeout().toMillis()))
                .setKeepAlive(true)
                // a black-holed path (a NAT that forgot the connection) is noticed by the OS instead of never
                .setTcpKeepAlive(true)
                .setVerifyHost(true)
                .setDecompressionSupported(false);
        if (http2) {
            options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2ClearTextUpgrade(false)
                    .setHttp2MultiplexingLimit(ConnectionResets.MAX_STREAMS_PER_CONNECTION);
        }
        // each HTTP/1.1 stream holds its connection until the answer ends: Vert.x's default of 5 connections would
        // queue the sixth concurrent stream. HTTP/2 streams share a small pool: one connection would be torn down
        // with all its streams by one failure, and a pool as large as HTTP/1.1's opened 61 connections for a burst
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setHttp2MaxSize(limits.http2Connections());
        io.vertx.core.Vertx core = vertx.getDelegate();
        this.clients = new EventLoopClients((VertxInternal) core,
                () -> io.vertx.mutiny.core.http.HttpClient.newInstance(core.httpClientBuilder().with(options).with(pool)
                        .withConnectHandler(connection -> {
                            if (http2) {
                                resets.opened(connection);
                            }
                        }).build()),
                http2 ? 1 : Runtime.getRuntime().availableProcessors());
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
     * A whole answer whose status was 2xx.
     *
     * @param body the body
     * @param header the answer's headers by name, any case
     */
    public record WholeAnswer(byte[] body, Function<String, String> header) {
    }

    /** Handles the response of an exchange, once its headers arrived. */
    @FunctionalInterface
    private interface Answering<T> {
        void answer(HttpClientRequest request, HttpClientResponse response, Exchange exchange, UniEmitter<? super T> emitter);
    }

    /**
     * Sends the request. Whatever ends the exchange before the body is handed out (the caller cancelling, a deadline, a
     * failure) resets the HTTP request, so that its pooled connection or HTTP/2 stream comes back.
     *
     * @param uri the exact URI (path already encoded)
     * @param headers headers to send, signature included
     * @param body the request body
     * @return the answer once its headers arrived; a non-2xx answer fails with the typed service exception, an answer
     *         that is not an event stream with a {@code MalformedResponse} service exception, a deadline with a
     *         {@link BedrockTimeoutException}
     */
    public Uni<StreamingAnswer> post(URI uri, Map<String, String> headers, byte[] body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setConnectTimeout(limits.acquireTimeout().toMillis());
        headers.forEach((name, value) -> options.putHeader(wireName(name), value));
        options.putHeader(wireName("Content-Type"), "application/json");
        options.putHeader(wireName("Accept"), EVENT_STREAM);
        options.putHeader(wireName("User-Agent"), userAgent);
        return clients.on(client -> this.<StreamingAnswer> exchange(client.getDelegate(), options, body, this::answer))
                .ifNoItem().after(limits.headersTimeout()).on(deadlines)
                .failWith(() -> new BedrockTimeoutException(limits.prefix() + "response-headers-timeout",
                        limits.headersTimeout(), "No response headers from " + uri.getHost()));
    }

    /**
     * Sends a request whose answer is read whole (a JSON answer), up to a size. Whatever ends the exchange before its
     * body was read resets the request, as for {@link #post}.
     *
     * @param uri the exact URI (path already encoded)
     * @param headers headers to send, signature included
     * @param body the request body
     * @param maxBytes the largest answer read
     * @param maxProperty the property that set {@code maxBytes}, for the error
     * @return the answer; a non-2xx answer fails with the typed service exception, a larger one than
     *         {@code maxBytes} with a {@code ResponseTooLarge} service exception, a connection lost in the middle of
     *         the body with a {@link BedrockTransportException} that says so
     */
    public Uni<WholeAnswer> postForAnswer(URI uri, Map<String, String> headers, byte[] body, long maxBytes,
            String maxProperty) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setConnectTimeout(limits.acquireTimeout().toMillis());
        headers.forEach((name, value) -> options.putHeader(wireName(name), value));
        options.putHeader(wireName("Content-Type"), "application/json");
        options.putHeader(wireName("Accept"), "application/json");
        options.putHeader(wireName("User-Agent"), userAgent);
        return clients.on(client -> this.<WholeAnswer> exchange(client.getDelegate(), options, body,
                (request, response, exchange, emitter) -> whole(request, response, exchange, emitter, maxBytes,
                        maxProperty)));
    }

    /** @return the name as this client's protocol puts it on the wire, when it is one of the names it sends */
    private String wireName(String name) {
        return http2 ? HTTP2_NAMES.getOrDefault(name, name) : name;
    }

    private <T> Uni<T> exchange(HttpClient client, RequestOptions options, byte[] body, Answering<T> answering) {
        return Uni.createFrom().emitter(emitter -> {
            Exchange exchange = new Exchange();
            emitter.onTermination(exchange::abandon);
            client.request(options).onComplete(obtained -> {
                if (obtained.failed()) {
                    emitter.fail(obtained.cause() instanceof TimeoutException
                            ? new BedrockTimeoutException(limits.prefix() + "connection-acquire-timeout",
                                    limits.acquireTimeout(), "No connection to " + options.getHost())
                            : obtained.cause());
                    return;
                }
                HttpClientRequest request = obtained.result();
                if (!exchange.attach(request)) {
                    return;
                }
                request.send(Buffer.buffer(body)).onComplete(sent -> {
                    if (sent.failed()) {
                        emitter.fail(resets.refusal(request, sent.cause(), options.getHost()));
                    } else {
                        answering.answer(request, sent.result(), exchange, emitter);
                    }
                });
            });
        });
    }

    private void whole(HttpClientRequest request, HttpClientResponse response, Exchange exchange,
            UniEmitter<? super WholeAnswer> emitter, long maxBytes, String maxProperty) {
        if (response.statusCode() / 100 != 2) {
            failWithError(request, response, exchange, emitter, limits.maxErrorBody());
            return;
        }
        response.pause();
        String requestId = response.getHeader("x-amzn-RequestId");
        BoundedBody.readWhole(request, response, maxBytes).onComplete(read -> {
            exchange.finish();
            if (read.succeeded()) {
                emitter.complete(new WholeAnswer(read.result().getBytes(), response::getHeader));
            } else if (read.cause() instanceof BoundedBody.TooLarge tooLarge) {
                emitter.fail(new BedrockServiceException(response.statusCode(), "ResponseTooLarge",
                        "The answer is larger than " + maxProperty + " = " + maxBytes + " bytes"
                                + (tooLarge.declaredLength >= 0 ? " (Content-Length " + tooLarge.declaredLength + ")"
                                        : "")
                                + ": it was not read; raise the setting if such answers are expected",
                        requestId));
            } else {
                BoundedBody.Cut cut = (BoundedBody.Cut) read.cause();
                emitter.fail(new BedrockTransportException("The connection was lost while the answer was read, after "
                        + cut.received + " bytes of its body" + (requestId == null ? ""
                                : " (request id " + requestId
                                        + ")")
                        + ": " + cut.getMessage(), cut.getCause()));
            }
        });
    }

    private static <T> void failWithError(HttpClientRequest request, HttpClientResponse response, Exchange exchange,
            UniEmitter<? super T> emitter, int maxErrorBody) {
        response.pause();
        BoundedBody.read(request, response, maxErrorBody).onComplete(read -> {
            exchange.finish();
            emitter.fail(ServiceErrors.fromResponse(response.statusCode(), response::getHeader, read.result().bytes()));
        });
    }

    private void answer(HttpClientRequest request, HttpClientResponse response, Exchange exchange,
            UniEmitter<? super StreamingAnswer> emitter) {
        String requestId = response.getHeader("x-amzn-RequestId");
        if (response.statusCode() / 100 != 2) {
            failWithError(request, response, exchange, emitter, limits.maxErrorBody());
            return;
        }
        String contentType = response.getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(EVENT_STREAM)) {
            response.pause();
            BoundedBody.read(request, response, MalformedAnswer.SAMPLE).onComplete(read -> {
                exchange.finish();
                emitter.fail(MalformedAnswer.notAnEventStream(response.statusCode(), contentType,
                        read.result().bytes(), requestId));
            });
            return;
        }
        response.pause();
        // the core buffers as they are: the Mutiny binding's toMulti() wrapped every network read in a Mutiny Buffer,
        // which a map stage then unwrapped
        Multi<Buffer> bytes = MultiHelper.toMulti(response)
                .onCancellation().invoke(() -> {
                    // the reset fails the response: that failure must not reach a subscriber that already left
                    response.exceptionHandler(ignored -> {
                    });
                    ConnectionResets.cancel(request);
                });
        exchange.finish();
        emitter.complete(new StreamingAnswer(requestId, bytes));
    }

    /**
     * One request between its start and the hand-over of its body: resets the request when the caller leaves (or the
     * exchange fails) first, including when the connection is obtained only after the caller left.
     */
    private static final class Exchange {
        private HttpClientRequest request;
        private boolean abandoned;
        private boolean finished;

        /** @return false when the caller already left: the request was reset */
        synchronized boolean attach(HttpClientRequest request) {
            // failures reach the caller through send()'s future; without a handler, Vert.x logs every reset at ERROR
            request.exceptionHandler(ignored -> {
            });
            if (abandoned) {
                ConnectionResets.cancel(request);
                return false;
            }
            this.request = request;
            return true;
        }

        /** The body was handed out or read whole: the request is no longer this exchange's to reset. */
        synchronized void finish() {
            finished = true;
        }

        /** The emitter terminated: cancelled, failed or completed. */
        synchronized void abandon() {
            if (finished) {
                return;
            }
            abandoned = true;
            if (request != null) {
                ConnectionResets.cancel(request);
            }
        }
    }

    /**
     * @return the Vert.x instance the client's connections live on (speech sessions open theirs there too); the core
     *         API's, named in full beside the Mutiny one this class is built with
     */
    public io.vertx.core.Vertx vertx() {
        return vertx.getDelegate();
    }

    /** @return how many HTTP/2 connections were replaced because they had carried many stream resets */
    int retiredConnections() {
        return resets.retired();
    }

    /**
     * @return the scheduler for the deadlines of this client's calls, where a deadline cancelled because its call
     *         ended in time is forgotten at once
     */
    public ScheduledExecutorService deadlines() {
        return deadlines;
    }

    /** Closes the connections. */
    public void close() {
        clients.close();
        deadlines.shutdownNow();
    }
}
