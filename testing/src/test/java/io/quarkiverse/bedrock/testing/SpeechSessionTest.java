package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.error.InvalidSignatureException;
import io.quarkiverse.bedrock.api.error.ModelStreamErrorException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.api.speech.SpeechInput;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkiverse.bedrock.api.speech.SpeechSessionTimeoutException;
import io.quarkiverse.bedrock.runtime.speech.SpeechClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;

/** Our speech client ({@code SpeechClient}, HTTP/2) in scripted sessions against the emulator. */
class SpeechSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private BedrockEmulator emulator;
    private SpeechClient client;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void start() {
        emulator = BedrockEmulator.create().start();
        client = SpeechClients.create(vertx, emulator);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    /** Collects a session's events, answering tool uses with {@code {"celsius":21}}. */
    private static final class Recorder {
        final List<SpeechEvent> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Recorder(SpeechSession session) {
            session.events().subscribe().with(e -> {
                events.add(e);
                if (e instanceof SpeechEvent.ToolUse use) {
                    session.sendToolResult(use.toolUseId(), "{\"celsius\":21}").subscribe().with(v -> {
                    }, t -> {
                    });
                }
            }, done::completeExceptionally, () -> done.complete(null));
        }

        void await(Predicate<List<SpeechEvent>> condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!condition.test(events) && System.nanoTime() < deadline && !done.isDone()) {
                Thread.sleep(10);
            }
            assertThat(condition.test(events)).as("events %s", events).isTrue();
        }

        Throwable failure() throws InterruptedException {
            try {
                done.get(20, TimeUnit.SECONDS);
                throw new AssertionError("the session completed; events " + events);
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the session did not end; events " + events);
            }
        }

        List<String> texts(SpeechEvent.Role role) {
            return events.stream().filter(e -> e instanceof SpeechEvent.TextOutput t && t.role() == role)
                    .map(e -> ((SpeechEvent.TextOutput) e).text()).toList();
        }
    }

    private static SpeechSessionRequest.Builder request() {
        return SpeechSessionRequest.builder().systemPrompt("Be brief.").options(SpeechClients.keys());
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(20));
    }

    @Test
    void textAndAudioInTextAudioToolUseAndUsageOut() throws Exception {
        SpeechSession session = client.open(request()
                .tool(new Tool("getWeather", "Weather of a city", JSON.readTree("{\"type\":\"object\"}"))).build());
        Recorder r = new Recorder(session);
        await(session.sendText("Hello there"));
        r.await(ev -> r.texts(SpeechEvent.Role.ASSISTANT).size() >= 2);

        byte[] pcm = Tones.sine(300, 32, 16000);
        await(session.sendAll(Multi.createFrom().range(0, 10).map(i -> (SpeechInput) new SpeechInput.AudioChunk(pcm))
                .onCompletion().switchTo(Multi.createFrom().item(new SpeechInput.AudioEnd()))));
        r.await(ev -> r.texts(SpeechEvent.Role.ASSISTANT).size() >= 4);
        await(session.end());
        r.done.get(20, TimeUnit.SECONDS);

        assertThat(r.texts(SpeechEvent.Role.USER)).containsExactly("Hello there", "I spoke for 320 milliseconds");
        assertThat(r.events).filteredOn(SpeechEvent.ToolUse.class::isInstance).hasSize(2)
                .allSatisfy(e -> assertThat(((SpeechEvent.ToolUse) e).toolName()).isEqualTo("getWeather"))
                .anySatisfy(e -> assertThat(((SpeechEvent.ToolUse) e).input().path("query").asText())
                        .isEqualTo("Hello there"));
        assertThat(r.texts(SpeechEvent.Role.ASSISTANT)).contains("The tool answered {\"celsius\":21}");
        assertThat(r.events).filteredOn(SpeechEvent.AudioOutput.class::isInstance).hasSize(6)
                .allSatisfy(e -> assertThat(((SpeechEvent.AudioOutput) e).pcm()).hasSize(1920));
        assertThat(r.events).filteredOn(SpeechEvent.ContentStarted.class::isInstance)
                .anySatisfy(e -> assertThat(((SpeechEvent.ContentStarted) e).speculative()).isTrue());
        SpeechEvent.Usage usage = (SpeechEvent.Usage) r.events.stream().filter(SpeechEvent.Usage.class::isInstance)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens()).isPositive();
        assertThat(r.events.get(0)).isInstanceOf(SpeechEvent.CompletionStarted.class);
        assertThat(r.events.get(r.events.size() - 1)).isInstanceOf(SpeechEvent.CompletionEnded.class);
        RecordedRequest recorded = emulator.lastRequest();
        assertThat(recorded.httpVersion()).isEqualTo("HTTP/2");
        assertThat(recorded.headers().get("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-EVENTS");
    }

    @Test
    void rolloverAtATurnBoundaryReplaysTheHistoryAndTheStreamGoesOn() throws Exception {
        // roll over at the first turn boundary 2 s or more into a service session
        SpeechSession session = client.open(request().sessionCap(Duration.ofSeconds(30))
                .rolloverBefore(Duration.ofSeconds(28)).build());
        Recorder r = new Recorder(session);
        await(session.sendText("first"));
        r.await(ev -> r.texts(SpeechEvent.Role.ASSISTANT).contains("You said: first"));
        assertThat(r.events).noneMatch(SpeechEvent.SessionRolledOver.class::isInstance);
        Thread.sleep(2200);
        await(session.sendText("second"));
        r.await(ev -> ev.stream().anyMatch(SpeechEvent.SessionRolledOver.class::isInstance));
        await(session.sendText("third"));
        r.await(ev -> r.texts(SpeechEvent.Role.USER).contains("third")
                && r.texts(SpeechEvent.Role.ASSISTANT).size() >= 6);
        await(session.end());
        r.done.get(20, TimeUnit.SECONDS);

        SpeechEvent.SessionRolledOver rolled = (SpeechEvent.SessionRolledOver) r.events.stream()
                .filter(SpeechEvent.SessionRolledOver.class::isInstance).findFirst().orElseThrow();
        assertThat(rolled.sessionNumber()).isEqualTo(2);
        assertThat(rolled.replayedTurns()).isEqualTo(4); // both user turns and both answers
        // the second service session heard the replayed history before the third turn
        assertThat(r.texts(SpeechEvent.Role.ASSISTANT)).contains("You said: third (I remember 4 earlier turns)");
        assertThat(emulator.requests()).hasSize(2)
                .allSatisfy(q -> assertThat(q.operation()).isEqualTo("invoke-with-bidirectional-stream"));
        assertThat(r.texts(SpeechEvent.Role.USER)).containsExactly("first", "second", "third");
        assertThat(r.events.get(r.events.size() - 1)).isInstanceOf(SpeechEvent.CompletionEnded.class);
    }

    @Test
    void withoutRolloverTheSessionCapEndsWithATypedTimeout() throws Exception {
        SpeechSession session = client.open(request().sessionCap(Duration.ofMillis(600)).build());
        Recorder r = new Recorder(session);
        await(session.sendText("hi"));
        assertThat(r.failure()).isInstanceOf(SpeechSessionTimeoutException.class)
                .hasMessageContaining("sessionCap = PT0.6S").hasMessageContaining("rolloverBefore");
        assertThatThrownBy(() -> await(session.sendText("late"))).isInstanceOf(StreamInterruptedException.class);
    }

    @Test
    void theServicesCapReachedEarlyIsATypedTimeout() throws Exception {
        SpeechSession session = client.open(request().systemPrompt("[cap:300]").build());
        Recorder r = new Recorder(session);
        assertThat(r.failure()).isInstanceOf(SpeechSessionTimeoutException.class)
                .hasMessageContaining("The service ended the speech session");
    }

    @Test
    void aMidSessionExceptionFailsTheEventsWithItsType() throws Exception {
        SpeechSession session = client.open(request().build());
        Recorder r = new Recorder(session);
        await(session.sendText("hello"));
        r.await(ev -> r.texts(SpeechEvent.Role.ASSISTANT).size() >= 2);
        await(session.sendText("now fail [fault:exception]"));
        assertThat(r.failure()).isInstanceOf(ModelStreamErrorException.class).hasMessageContaining("scripted fault");
    }

    @Test
    void aDroppedStreamIsAStreamInterruption() throws Exception {
        SpeechSession session = client.open(request().build());
        Recorder r = new Recorder(session);
        await(session.sendText("drop it [fault:drop]"));
        assertThat(r.failure()).isInstanceOf(StreamInterruptedException.class).hasMessageContaining("dropped");
    }

    @Test
    void idleIsJudgedOnBothDirections() throws Exception {
        // streamed silence keeps the session alive well past the idle timeout
        SpeechSession alive = client.open(request().idleTimeout(Duration.ofSeconds(1)).build());
        Recorder r = new Recorder(alive);
        byte[] silence = new byte[1024];
        for (int i = 0; i < 30; i++) {
            await(alive.sendAudio(silence));
            Thread.sleep(100);
        }
        await(alive.send(new SpeechInput.AudioEnd()));
        r.await(ev -> r.texts(SpeechEvent.Role.ASSISTANT).size() >= 2);
        await(alive.end());
        r.done.get(20, TimeUnit.SECONDS);
        assertThat(r.texts(SpeechEvent.Role.USER)).containsExactly("I spoke for 960 milliseconds");

        // nothing either way: idle
        SpeechSession idle = client.open(request().idleTimeout(Duration.ofSeconds(1)).build());
        Recorder quiet = new Recorder(idle);
        assertThat(quiet.failure()).isInstanceOf(StreamInterruptedException.class)
                .hasMessageContaining("idleTimeout = PT1S");
    }

    @Test
    void cancellingResetsTheStreamAndTheClientStaysUsable() throws Exception {
        SpeechSession session = client.open(request().build());
        AssertSubscriber<SpeechEvent> sub = session.events().subscribe().withSubscriber(AssertSubscriber.create(1000));
        await(session.sendText("hello"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sub.getItems().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sub.getItems()).hasSizeGreaterThanOrEqualTo(3);
        sub.cancel();
        assertThatThrownBy(() -> {
            // the reset reaches the session on its event loop: a send soon fails
            for (int i = 0; i < 100; i++) {
                await(session.sendText("again"));
                Thread.sleep(20);
            }
        }).isInstanceOf(StreamInterruptedException.class);

        SpeechSession next = client.open(request().build());
        Recorder r = new Recorder(next);
        await(next.sendText("still there?"));
        r.await(ev -> r.texts(SpeechEvent.Role.ASSISTANT).size() >= 2);
        next.cancel();
        r.done.get(20, TimeUnit.SECONDS); // cancel() completes the events
    }

    @Test
    void eventsAreReadFromTheNetworkAsTheSubscriberAsks() throws Exception {
        SpeechSession session = client.open(request().build());
        AssertSubscriber<SpeechEvent> sub = session.events().subscribe().withSubscriber(AssertSubscriber.create(3));
        // 200 chunks of 100 ms of speech, about 1.7 MB: far more than the stream's window
        await(session.sendText("[flood:200]"));
        StreamStats stats = emulator.streamStats();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stats.pausedNow() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(stats.pausedNow()).as("the emulator waits for the client to read").isEqualTo(1);
        long written = stats.framesWritten();
        Thread.sleep(500);
        assertThat(stats.framesWritten()).as("nothing more is read while the subscriber asks for nothing")
                .isEqualTo(written).isLessThan(200);
        assertThat(sub.getItems()).hasSize(3);

        sub.request(Long.MAX_VALUE);
        while (sub.getItems().stream().filter(SpeechEvent.AudioOutput.class::isInstance).count() < 200
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sub.getItems()).filteredOn(SpeechEvent.AudioOutput.class::isInstance).hasSize(200);
        assertThat(stats.pausedNow()).isZero();
        sub.cancel();
    }

    @Test
    void sendsWaitForTheHttp2WindowWhileTheServiceDoesNotRead() throws Exception {
        SpeechSession session = client.open(request().build());
        Recorder r = new Recorder(session);
        await(session.sendText("warm up"));
        r.await(ev -> r.texts(SpeechEvent.Role.ASSISTANT).size() >= 2);
        // the emulator stops reading for 5 s: 400 chunks (about 840 KB of envelopes) do not fit the stream's
        // flow-control window, so the sends complete only as far as the window allows until it reads again
        await(session.sendText("[stall:5000]"));
        byte[] pcm = Tones.sine(300, 32, 16000);
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        List<CompletableFuture<Void>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sends.add(session.sendAudio(pcm).invoke(written::incrementAndGet).subscribeAsCompletionStage());
        }
        int settled = -1;
        for (int i = 0; i < 30 && settled != written.get(); i++) { // until the window is full: no progress for 300 ms
            settled = written.get();
            Thread.sleep(300);
        }
        Thread.sleep(500);
        assertThat(written.get()).as("no send completes while the window stays full").isEqualTo(settled)
                .isLessThan(400);
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        await(session.send(new SpeechInput.AudioEnd()));
        r.await(ev -> r.texts(SpeechEvent.Role.USER).contains("I spoke for 12800 milliseconds"));
        await(session.end());
        r.done.get(20, TimeUnit.SECONDS);
    }

    @Test
    void apiKeysAreRefusedBeforeAnythingIsSent() throws Exception {
        SpeechSession session = client.open(request()
                .options(BedrockOptions.builder().apiKey(EmulatorCredentials.API_KEY).build()).build());
        Recorder r = new Recorder(session);
        assertThat(r.failure()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("API keys are not accepted for speech sessions")
                .hasMessageNotContaining(EmulatorCredentials.API_KEY);
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() throws Exception {
        SpeechSession session = client.open(request().options(BedrockOptions.builder()
                .accessKeyId(EmulatorCredentials.ACCESS_KEY_ID).secretAccessKey("wrong").build()).build());
        Recorder r = new Recorder(session);
        assertThat(r.failure()).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void eventsCanBeSubscribedOnce() {
        SpeechSession session = client.open(request().build());
        session.events().subscribe().with(e -> {
        }, t -> {
        });
        assertThatThrownBy(() -> session.events().collect().asList().await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("once");
        session.cancel();
    }
}
