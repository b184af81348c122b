package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkiverse.bedrock.testing.InjectBedrockEmulator;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/** Which threads read and deliver a stream: one event loop per stream, spread when the caller has no context. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class StreamThreadsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    @Inject
    Vertx vertx;

    @InjectBedrockEmulator
    BedrockEmulator emulator;

    @BeforeEach
    void reset() {
        emulator.reset();
        emulator.options(EmulatorOptions.defaults());
    }

    private static ChatRequest request() {
        return ChatRequest.builder().model("cohere.command-r-v1:0").user("Hello").build();
    }

    /** Subscribes now and records the thread of every chunk; completes with those threads. */
    private CompletableFuture<Set<Thread>> deliveryThreads() {
        CompletableFuture<Set<Thread>> done = new CompletableFuture<>();
        Set<Thread> threads = new CopyOnWriteArraySet<>();
        bedrock.stream(request()).subscribe().with(chunk -> threads.add(Thread.currentThread()),
                done::completeExceptionally, () -> done.complete(threads));
        return done;
    }

    @Test
    void streamsStartedFromAThreadWithoutContextAreSpreadOverOneEventLoopPerProcessor() throws Exception {
        assertThat(Vertx.currentContext()).as("a JUnit thread has no Vert.x context").isNull();
        int eventLoops = 0;
        for (var ignored : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            eventLoops++;
        }
        int loops = Math.min(Runtime.getRuntime().availableProcessors(), eventLoops);
        int streams = 2 * loops;
        for (int i = 0; i < streams; i++) {
            emulator.enqueue(Reply.text("Stream " + i + " arrives in several words"));
        }
        List<CompletableFuture<Set<Thread>>> started = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            started.add(deliveryThreads());
        }
        Set<Thread> all = new HashSet<>();
        for (CompletableFuture<Set<Thread>> stream : started) {
            Set<Thread> threads = stream.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(threads).as("one stream is read and delivered on one thread").hasSize(1);
            Thread thread = threads.iterator().next();
            assertThat(thread.getName()).startsWith("vert.x-eventloop-thread-");
            all.add(thread);
        }
        // consecutive streams take turns, so 2 rounds over the loops use each of them
        assertThat(all).as("event loops used by %d streams", streams).hasSize(loops);
    }

    @Test
    void aStreamStartedOnAnEventLoopIsDeliveredOnThatEventLoop() throws Exception {
        for (int i = 0; i < 3; i++) {
            emulator.enqueue(Reply.text("Answer " + i + " in a few words"));
            Context context = ((VertxInternal) vertx).createEventLoopContext();
            CompletableFuture<Thread> caller = new CompletableFuture<>();
            CompletableFuture<Set<Thread>> delivered = new CompletableFuture<>();
            context.runOnContext(ignored -> {
                caller.complete(Thread.currentThread());
                deliveryThreads().whenComplete((threads, failure) -> {
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
