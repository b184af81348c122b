package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.api.error.ValidationException;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient.WholeAnswer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.Vertx;

/**
 * Non-streaming answers against a loopback server: read whole up to the limit, a 200 MB answer (with or without a
 * {@code Content-Length}) refused with a typed error after at most the limit was read, a body cut mid-way named as such.
 * The server streams its 200 MB with backpressure, so neither side holds them.
 */
class WholeAnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long LIMIT = 16L * 1024 * 1024;
    private static final long HUGE = 200L * 1024 * 1024;

    private Vertx vertx;
    private HttpServer server;
    private URI base;
    private final AtomicLong written = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.getDelegate().createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
        server.requestHandler(request -> request.body().onSuccess(ignored -> {
            HttpServerResponse response = request.response().putHeader("Content-Type", "application/json")
                    .putHeader("x-amzn-RequestId", "req-42");
            switch (request.path()) {
                case "/ok" -> response.end("{\"output\":\"hello\"}");
                case "/huge-declared" -> {
                    response.putHeader("Content-Length", String.valueOf(HUGE));
                    pump(response, HUGE);
                }
                case "/huge-chunked" -> {
                    response.setChunked(true);
                    pump(response, HUGE);
                }
                case "/cut" -> {
                    response.putHeader("Content-Length", "1000");
                    response.write(Buffer.buffer("x".repeat(500)))
                            .onComplete(done -> vertx.getDelegate().setTimer(50, t -> request.connection().close()));
                }
                case "/invalid" -> response.setStatusCode(400).putHeader("x-amzn-ErrorType", "ValidationException")
                        .end("{\"message\":\"Malformed input request\"}");
                default -> response.setStatusCode(404).end();
            }
        }));
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Writes {@code remaining} bytes in 64 KB pieces as fast as the client reads them, until done or reset. */
    private void pump(HttpServerResponse response, long remaining) {
        Buffer piece = Buffer.buffer(new byte[64 * 1024]);
        long left = remaining;
        while (left > 0 && !response.writeQueueFull()) {
            if (response.closed()) {
                return;
            }
            response.write(piece);
            written.addAndGet(piece.length());
            left -= piece.length();
        }
        if (left <= 0) {
            response.end();
            return;
        }
        long next = left;
        response.drainHandler(v -> pump(response, next));
    }

    @AfterEach
    void stop() {
        try {
            vertx.close().await().atMost(Duration.ofSeconds(20));
        } catch (TimeoutException e) {
            System.err.println("Vert.x did not close within 20 s after " + getClass().getSimpleName() + ": " + e);
        }
    }

    private StreamingHttpClient client() {
        return new StreamingHttpClient(vertx, new TransportLimits("quarkus.aws-bedrock.", Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofSeconds(20), TransportLimits.DEFAULT_MAX_ERROR_BODY), false, "test");
    }

    private Throwable failure(String path) {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        client().postForAnswer(base.resolve(path), Map.of(), "{}".getBytes(), LIMIT,
                "quarkus.aws-bedrock.max-response-size").subscribe()
                .with(answer -> failure.complete(null), failure::complete);
        return failure.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Test
    void anAnswerWithinTheLimitIsReadWholeWithItsHeaders() {
        WholeAnswer answer = client().postForAnswer(base.resolve("/ok"), Map.of(), "{}".getBytes(), LIMIT,
                "quarkus.aws-bedrock.max-response-size").await().atMost(WAIT);
        assertThat(new String(answer.body())).isEqualTo("{\"output\":\"hello\"}");
        assertThat(answer.header().apply("X-AMZN-REQUESTID")).isEqualTo("req-42");
    }

    @Test
    void a200MegabyteAnswerWithItsContentLengthIsRefusedWithoutBeingRead() {
        Throwable failure = failure("/huge-declared");
        assertThat(failure).isInstanceOf(BedrockServiceException.class)
                .hasMessageContaining("quarkus.aws-bedrock.max-response-size").hasMessageContaining(String.valueOf(HUGE));
        BedrockServiceException e = (BedrockServiceException) failure;
        assertThat(e.errorType()).isEqualTo("ResponseTooLarge");
        assertThat(e.requestId()).isEqualTo("req-42");
        assertThat(written.get()).as("bytes the server could write before the reset").isLessThan(LIMIT);
    }

    @Test
    void a200MegabyteChunkedAnswerIsRefusedOnceItGoesPastTheLimit() {
        Throwable failure = failure("/huge-chunked");
        assertThat(failure).isInstanceOf(BedrockServiceException.class)
                .hasMessageContaining("quarkus.aws-bedrock.max-response-size");
        assertThat(((BedrockServiceException) failure).errorType()).isEqualTo("ResponseTooLarge");
        // the limit, plus what the socket buffers held when the client reset: far from the 200 MB
        assertThat(written.get()).as("bytes the server wrote").isGreaterThan(LIMIT).isLessThan(3 * LIMIT);
    }

    @Test
    void aBodyCutMidWayIsALostConnectionNotAnUnreachableEndpoint() {
        Throwable failure = failure("/cut");
        assertThat(failure).isInstanceOf(BedrockTransportException.class)
                .hasMessageContaining("lost while the answer was read, after 500 bytes")
                .hasMessageContaining("req-42").hasMessageNotContaining("Cannot reach");
    }

    @Test
    void anErrorAnswerIsStillTheTypedServiceException() {
        assertThat(failure("/invalid")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Malformed input request");
    }
}
