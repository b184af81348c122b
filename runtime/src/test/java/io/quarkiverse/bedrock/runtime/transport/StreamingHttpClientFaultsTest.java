package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.mutiny.core.Vertx;

/**
 * The streaming transport against a loopback server that stalls, answers with huge or foreign bodies: deadlines name
 * their property, bodies are bounded, and every abandoned request gives its connection back.
 */
class StreamingHttpClientFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Vertx vertx;
    private HttpServer server;
    private URI base;
    private final AtomicInteger stalled = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.getDelegate().createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
        server.requestHandler(request -> request.body().onSuccess(ignored -> {
            switch (request.path()) {
                case "/stall" -> {
                    stalled.incrementAndGet();
                    request.connection().closeHandler(v -> closedByClient.incrementAndGet());
                }
                case "/ok" -> request.response().putHeader("Content-Type", "application/vnd.amazon.eventstream")
                        .end("0123456789");
                case "/huge-error" -> {
                    var response = request.response().setChunked(true).setStatusCode(500)
                            .putHeader("Content-Type", "text/html");
                    String kilobyte = "<p>" + "x".repeat(1017) + "</p>\n";
                    writeMany(response, kilobyte, 20 * 1024);
                }
                case "/html" -> request.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .end("<html><body>Gateway login required</body></html>");
                default -> request.response().setStatusCode(404).end();
            }
        }));
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Writes {@code count} copies, each after the previous one drained: the server stays bounded too. */
    private static void writeMany(io.vertx.core.http.HttpServerResponse response, String piece, int count) {
        if (count == 0 || response.closed()) {
            if (!response.closed()) {
                response.end();
            }
            return;
        }
        response.write(piece).onComplete(ignored -> writeMany(response, piece, count - 1));
    }

    @AfterEach
    void stop() {
        // bounded: once, an event loop spun in Netty's buffer-cache cleanup (PoolThreadCache.free) while Vert.x closed,
        // after the test's assertions had passed, and the unbounded wait hung the whole build
        try {
            vertx.close().await().atMost(Duration.ofSeconds(20));
        } catch (TimeoutException e) {
            System.err.println("Vert.x did not close within 20 s after " + getClass().getSimpleName() + ": " + e);
        }
    }

    private StreamingHttpClient client(Duration headersTimeout) {
        return new StreamingHttpClient(vertx, new TransportLimits("quarkus.aws-bedrock.", Duration.ofSeconds(5),
                Duration.ofSeconds(20), headersTimeout, TransportLimits.DEFAULT_MAX_ERROR_BODY), false,
                "test");
    }

    private Throwable failure(StreamingHttpClient client, String path) {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        client.post(base.resolve(path), Map.of(), "{}".getBytes()).subscribe()
                .with(answer -> failure.complete(null), failure::complete);
        return failure.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private String healthy(StreamingHttpClient client) {
        return client.post(base.resolve("/ok"), Map.of(), "{}".getBytes())
                .onItem().transformToUni(answer -> answer.body().map(b -> b.toString()).collect().asList())
                .map(parts -> String.join("", parts))
                .await().atMost(WAIT);
    }

    @Test
    void cancellingStalledStreamsGivesTheirConnectionsBack() throws Exception {
        StreamingHttpClient client = client(Duration.ofMinutes(10));
        // 200 streams against a server that never answers: more than the pool holds, so some wait for a connection
        List<Cancellable> streams = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            streams.add(client.post(base.resolve("/stall"), Map.of(), "{}".getBytes()).subscribe()
                    .with(answer -> {
                    }, failure -> {
                    }));
        }
        long until = System.nanoTime() + WAIT.toNanos();
        while (stalled.get() < StreamingHttpClient.MAX_CONNECTIONS && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(stalled.get()).as("requests the server holds").isGreaterThanOrEqualTo(StreamingHttpClient.MAX_CONNECTIONS);
        streams.forEach(Cancellable::cancel);

        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> healthy(client)));
        }
        for (CompletableFuture<String> answer : answers) {
            assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("0123456789");
        }
        assertThat(closedByClient.get()).as("stalled HTTP/1.1 requests are reset by closing their connection")
                .isEqualTo(stalled.get());
        client.close();
    }

    @Test
    void noHeadersInTimeFailsNamingTheProperty() {
        StreamingHttpClient client = client(Duration.ofMillis(300));
        Throwable failure = failure(client, "/stall");
        assertThat(failure).isInstanceOf(BedrockTimeoutException.class)
                .hasMessageContaining("quarkus.aws-bedrock.response-headers-timeout");
        assertThat(((BedrockTimeoutException) failure).property()).isEqualTo("quarkus.aws-bedrock.response-headers-timeout");
        // the timed-out request was reset: its connection closed, and the client still answers
        assertThat(healthy(client)).isEqualTo("0123456789");
        client.close();
    }

    @Test
    void aHugeErrorPageIsReadOnlyUpToTheCapAndItsMessageTruncated() {
        StreamingHttpClient client = client(Duration.ofSeconds(20));
        Throwable failure = failure(client, "/huge-error");
        assertThat(failure).isInstanceOf(BedrockServiceException.class);
        assertThat(((BedrockServiceException) failure).statusCode()).isEqualTo(500);
        assertThat(failure.getMessage()).hasSizeLessThan(2 * ServiceErrors.MAX_MESSAGE)
                .contains("truncated");
        client.close();
    }

    @Test
    void anHtmlAnswerWhereAnEventStreamWasExpectedSaysSo() {
        StreamingHttpClient client = client(Duration.ofSeconds(20));
        Throwable failure = failure(client, "/html");
        assertThat(failure).isInstanceOf(BedrockServiceException.class)
                .hasMessageContaining("text/html")
                .hasMessageContaining("Gateway login required")
                .hasMessageContaining("HTTP 200");
        assertThat(((BedrockServiceException) failure).errorType()).isEqualTo("MalformedResponse");
        client.close();
    }
}
