package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.RecordedRequest;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Which protocol and threads carry a stream: one event loop per stream; callers without a Vert.x context share one event
 * loop (one connection) over HTTP/2, and take turns over one event loop per processor over HTTP/1.1 (the default for
 * the emulator's plain http endpoint).
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
@TestProfile(StreamThreadsTest.Profile.class)
class StreamThreadsTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A named client on HTTP/2 (h2c) beside the default client. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.aws-bedrock.h2c.http2", "true");
        }
    }

    @Inject
    @Bedrock("h2c")
    BedrockClient http2;

    @Inject
    @Bedrock
    BedrockClient http1;

    @Inject
    Vertx vertx;

    private static ChatRequest request() {
        return ChatRequest.builder().model("cohere.command-r-v1:0").user("Hello").build();
    }

    /** Subscribes now and records the thread of every chunk; completes with those threads. */
    private static CompletableFuture<Set<Thread>> deliveryThreads(BedrockClient bedrock) {
        CompletableFuture<Set<Thread>> done = new CompletableFuture<>();
        Set<Thread> threads = new CopyOnWriteArraySet<>();
        bedrock.stream(request()).subscribe().with(chunk -> threads.add(Thread.currentThread()),
                done::completeExceptionally, () -> done.complete(threads));
        return done;
    }

    /** Starts 2 streams per processor from this thread; returns the one thread of each stream. */
    private List<Thread> streamsFromThisThread(BedrockClient bedrock, int streams) throws Exception {
        assertThat(Vertx.currentContext()).as("a JUnit thread has no Vert.x context").isNull();
        for (int i = 0; i < streams; i++) {
            emulator.enqueue(Reply.text("Stream " + i + " arrives in several words"));
        }
        List<CompletableFuture<Set<Thread>>> started = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            started.add(deliveryThreads(bedrock));
        }
        List<Thread> each = new ArrayList<>();
        for (CompletableFuture<Set<Thread>> stream : started) {
            Set<Thread> threads = stream.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(threads).as("one stream is read and delivered on one thread").hasSize(1);
            Thread thread = threads.iterator().next();
            assertThat(thread.getName()).startsWith("vert.x-eventloop-thread-");
            each.add(thread);
        }
        return each;
    }

    private int sharedLoopsOverHttp11() {
        int eventLoops = 0;
        for (var ignored : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            eventLoops++;
        }
        return Math.min(Runtime.getRuntime().availableProcessors(), eventLoops);
    }

    @Test
    void overHttp2StreamsStartedWithoutAContextShareOneEventLoop() throws Exception {
        int streams = 2 * sharedLoopsOverHttp11();
        assertThat(new HashSet<>(streamsFromThisThread(http2, streams))).hasSize(1);
        assertThat(emulator.requests()).hasSize(streams).extracting(RecordedRequest::httpVersion).containsOnly("HTTP/2");
    }

    @Test
    void overHttp11StreamsStartedWithoutAContextTakeTurnsOverOneEventLoopPerProcessor() throws Exception {
        int loops = sharedLoopsOverHttp11();
        // consecutive streams take turns, so 2 rounds over the loops use each of them
        assertThat(new HashSet<>(streamsFromThisThread(http1, 2 * loops))).hasSize(loops);
        assertThat(emulator.requests()).extracting(RecordedRequest::httpVersion).containsOnly("HTTP/1.1");
    }

    @Test
    void aStreamStartedOnAnEventLoopIsDeliveredOnThatEventLoop() throws Exception {
        for (int i = 0; i < 4; i++) {
            BedrockClient bedrock = i % 2 == 0 ? http2 : http1;
            emulator.enqueue(Reply.text("Answer " + i + " in a few words"));
            Context context = ((VertxInternal) vertx).createEventLoopContext();
            CompletableFuture<Thread> caller = new CompletableFuture<>();
            CompletableFuture<Set<Thread>> delivered = new CompletableFuture<>();
            context.runOnContext(ignored -> {
                caller.complete(Thread.currentThread());
                deliveryThreads(bedrock).whenComplete((threads, failure) -> {
                    if (failure != null) {
                        delivered.completeExceptionally(failure);
                    } else {
                        delivered.complete(threads);
                    }
                });
            });
            assertThat(delivered.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .containsExactly(caller.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }
}
