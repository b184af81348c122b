package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.Vertx;

/**
 * Thousands of HTTP/2 (h2c) streams against a loopback Vert.x server that keeps Netty's default guard against the
 * "rapid reset" attack (a connection that receives more than 200 resets in 30 s is closed with all its streams): the
 * client cancels a third of its streams after a few chunks and the server resets a tenth, and not one of the other
 * streams fails, while the client stays within its pool of connections.
 */
class Http2ChurnTest {

    private static final int STREAMS = 3_000;
    private static final int IN_FLIGHT = 300;
    private static final int CHUNKS = 8;
    private static final int POOL = 4;

    private io.vertx.core.Vertx serverVertx;
    private Vertx clientVertx;
    private URI base;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        serverVertx = io.vertx.core.Vertx.vertx();
        clientVertx = Vertx.vertx();
        // the defaults (h2c with prior knowledge on, 200 resets per 30 s) are what is under test: none is set here
        HttpServer server = serverVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
        server.connectionHandler(connection -> {
            opened.incrementAndGet();
            peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            connection.closeHandler(ignored -> open.decrementAndGet());
        });
        server.requestHandler(request -> request.body().onSuccess(ignored -> {
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "application/vnd.amazon.eventstream");
            boolean reset = request.path().equals("/reset");
            chunks(response, 0, reset ? 2 : CHUNKS, reset);
        }));
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Writes chunk {@code n} and schedules the next; ends the answer, or resets it when {@code reset}. */
    private void chunks(HttpServerResponse response, int n, int count, boolean reset) {
        if (response.closed()) {
            return;
        }
        if (n == count) {
            if (reset) {
                response.reset();
            } else {
                response.end();
            }
            return;
        }
        response.write("chunk" + n + ";");
        serverVertx.setTimer(5, ignored -> chunks(response, n + 1, count, reset));
    }

    @AfterEach
    void stop() {
        try {
            clientVertx.close().await().atMost(Duration.ofSeconds(20));
            serverVertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.TimeoutException e) {
            System.err.println("Vert.x did not close within 20 s after " + getClass().getSimpleName() + ": " + e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Kind {
        HEALTHY,
        CANCELLED,
        RESET_BY_SERVER
    }

    @Test
    void cancelsAndServerResetsNeverFailOtherStreams() {
        StreamingHttpClient client = new StreamingHttpClient(clientVertx,
                new TransportLimits("quarkus.aws-bedrock.", Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), TransportLimits.DEFAULT_MAX_ERROR_BODY, POOL),
                true, "test");
        Random random = new Random(13);
        AtomicInteger healthy = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        Queue<String> healthyFailures = new ConcurrentLinkedQueue<>();
        String expected = String.join("", java.util.stream.IntStream.range(0, CHUNKS).mapToObj(n -> "chunk" + n + ";")
                .toList());

        List<Uni<Void>> streams = new java.util.ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            double draw = random.nextDouble();
            Kind kind = draw < 1.0 / 3 ? Kind.CANCELLED : draw < 1.0 / 3 + 0.1 ? Kind.RESET_BY_SERVER : Kind.HEALTHY;
            int keep = 1 + random.nextInt(5);
            URI uri = base.resolve(kind == Kind.RESET_BY_SERVER ? "/reset" : "/stream");
            Uni<Void> stream = client.post(uri, Map.of(), "{}".getBytes()).onItem().transformToUni(answer -> {
                Multi<String> body = answer.body().map(b -> b.toString());
                return switch (kind) {
                    case CANCELLED -> body.select().first(keep).collect().asList().invoke(cancelled::incrementAndGet)
                            .replaceWithVoid();
                    case RESET_BY_SERVER -> body.collect().asList().replaceWithVoid();
                    case HEALTHY -> body.collect().asList().invoke(parts -> {
                        healthy.incrementAndGet();
                        String text = String.join("", parts);
                        if (!text.equals(expected)) {
                            healthyFailures.add("wrong body: " + text);
                        }
                    }).replaceWithVoid();
                };
            }).onFailure().recoverWithUni(failure -> {
                if (kind != Kind.RESET_BY_SERVER) {
                    healthyFailures.add(kind + ": " + failure);
                }
                return Uni.createFrom().voidItem();
            });
            streams.add(stream);
        }
        long start = System.nanoTime();
        Multi.createFrom().iterable(streams).onItem().transformToUni(stream -> stream).merge(IN_FLIGHT)
                .collect().asList().await().atMost(Duration.ofSeconds(90));
        System.out.printf("%d streams (%d cancelled, %d healthy) in %d ms over %d connections (at most %d open, "
                + "%d retired)%n", STREAMS, cancelled.get(), healthy.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), opened.get(), peakOpen.get(),
                client.retiredConnections());

        assertThat(healthyFailures).as("failures of streams neither cancelled nor reset by the server").isEmpty();
        assertThat(healthy.get() + cancelled.get()).as("streams that were not reset by the server")
                .isGreaterThan(STREAMS * 8 / 10);
        // a connection is replaced only once it has used up its allowance of resets, and not for every few of them
        assertThat(opened.get()).as("connections opened").isLessThanOrEqualTo(POOL + client.retiredConnections());
        assertThat(client.retiredConnections()).as("connections retired for their resets")
                .isLessThanOrEqualTo(2 * STREAMS / ConnectionResets.RESETS_PER_CONNECTION);
        // the pool, plus retired connections whose last streams are still finishing
        assertThat(peakOpen.get()).as("connections open at once").isLessThanOrEqualTo(3 * POOL);
        client.close();
    }
}
