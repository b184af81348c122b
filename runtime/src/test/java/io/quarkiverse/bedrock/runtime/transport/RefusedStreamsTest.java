package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.GoAway;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.mutiny.core.Vertx;

/**
 * An HTTP/2 server that turns streams away unprocessed (REFUSED_STREAM, or a GOAWAY whose last stream is below
 * them) makes the transport fail with a {@link RefusedStreamException}, which the retry policy retries; a stream the
 * server reset after taking it stays a plain transport failure.
 */
class RefusedStreamsTest {

    private Vertx vertx;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.getDelegate().createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
        server.requestHandler(request -> {
            switch (request.path()) {
                case "/refuse" -> request.response().reset(0x7);
                // the first stream of the connection is above stream 0
                case "/go-away" -> request.connection().goAway(0, 0);
                default -> request.response().reset(0x2);
            }
        });
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @AfterEach
    void stop() {
        try {
            vertx.close().await().atMost(Duration.ofSeconds(20));
        } catch (TimeoutException e) {
            System.err.println("Vert.x did not close within 20 s after " + getClass().getSimpleName() + ": " + e);
        }
    }

    private Throwable failure(String path) {
        StreamingHttpClient client = new StreamingHttpClient(vertx, 5_000, true, "test");
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        client.post(base.resolve(path), Map.of(), "{}".getBytes()).subscribe()
                .with(answer -> failure.complete(null), failure::complete);
        Throwable result = failure.orTimeout(30, TimeUnit.SECONDS).join();
        client.close();
        return result;
    }

    @Test
    void aStreamRefusedWithRefusedStreamIsRefused() {
        assertThat(failure("/refuse")).isInstanceOf(RefusedStreamException.class)
                .hasMessageContaining("REFUSED_STREAM").hasMessageContaining("127.0.0.1");
    }

    @Test
    void aStreamAboveTheLastStreamOfAGoAwayIsRefused() {
        assertThat(failure("/go-away")).isInstanceOf(RefusedStreamException.class)
                .hasMessageContaining("GOAWAY");
    }

    @Test
    void aGoAwayReadTooLateIsNoGoAwayRatherThanAFailureOfItsOwn() {
        ByteBuf debugData = Unpooled.buffer().writeByte(1);
        HttpClosedException closed = new HttpClosedException(new GoAway().setErrorCode(0).setLastStreamId(1)
                .setDebugData(Buffer.buffer(debugData)));
        assertThat(ConnectionResets.goAwayOf(closed).getLastStreamId()).isEqualTo(1);
        debugData.release();
        assertThat(ConnectionResets.goAwayOf(closed)).isNull();
    }

    @Test
    void aStreamResetForAnotherReasonIsNotCalledRefused() {
        assertThat(failure("/internal-error")).isNotInstanceOf(RefusedStreamException.class)
                .isNotInstanceOf(BedrockTransportException.class);
    }
}
