package io.quarkiverse.bedrock.runtime.speech;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.api.speech.SpeechInput;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkiverse.bedrock.api.speech.SpeechSessionTimeoutException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * A caller's speech session: queues the caller's inputs and writes them into the current {@link ServiceSession}, keeps
 * the history, judges idleness on both directions, enforces the session cap and, when asked, rolls over to a new
 * service session at a turn boundary. Its state is touched on its Vert.x context only.
 */
final class DefaultSpeechSession implements SpeechSession {

    /** An input waiting for the stream; a null input is the caller's end. */
    private record Pending(SpeechInput input, Promise<Void> done) {
    }

    private final SpeechClient client;
    private final SpeechSessionRequest request;
    private final Context context;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final Deque<Pending> inputs = new ArrayDeque<>();
    private final SpeechHistory history = new SpeechHistory();
    private final Map<String, SpeechEvent.ContentStarted> contents = new HashMap<>();
    private final Map<String, String> toolNames = new HashMap<>();
    private ServiceSession current;
    private boolean rolling;
    private volatile boolean rolloverPending;
    private boolean endRequested;
    private volatile boolean over;
    private volatile boolean cancelled;
    private volatile long lastActivity = System.nanoTime();
    private long serviceStart;
    private long capTimer = -1;
    private long idleTimer = -1;

    DefaultSpeechSession(SpeechClient client, SpeechSessionRequest request, Context context) {
        this.client = client;
        this.request = request;
        this.context = context;
    }

    @Override
    public Multi<SpeechEvent> events() {
        return Multi.createFrom().deferred(() -> {
            if (!subscribed.compareAndSet(false, true)) {
                throw new InvalidRequestException("The events of a speech session can be subscribed to once:"
                        + " open a new session with BedrockClient.speech(...) for another conversation");
            }
            return serviceEvents(1, 0)
                    .onFailure(t -> cancelled).recoverWithCompletion()
                    .onTermination().invoke((failure, downstreamCancelled) -> onContext(() -> terminate()));
        });
    }

    @Override
    public Uni<Void> send(SpeechInput input) {
        Objects.requireNonNull(input, "input");
        return enqueue(input);
    }

    @Override
    public Uni<Void> sendAll(Multi<? extends SpeechInput> all) {
        return all.onItem().transformToUniAndConcatenate(this::send).collect().last().replaceWithVoid();
    }

    @Override
    public Uni<Void> end() {
        return enqueue(null);
    }

    @Override
    public void cancel() {
        cancelled = true;
        onContext(() -> {
            if (current != null) {
                current.reset(null);
            }
            terminate();
        });
    }

    private Uni<Void> enqueue(SpeechInput input) {
        Promise<Void> done = Promise.promise();
        onContext(() -> {
            if (over || endRequested) {
                done.tryFail(new StreamInterruptedException(over ? "The speech session is over"
                        : "The speech session was ended: nothing more can be sent"));
                return;
            }
            inputs.add(new Pending(input, done));
            drain();
        });
        return Uni.createFrom().completionStage(done.future().toCompletionStage());
    }

    private void drain() {
        while (current != null && !rolling && !current.closed() && !inputs.isEmpty()) {
            Pending next = inputs.poll();
            if (next.input() == null) {
                endRequested = true;
                current.close(next.done());
                return;
            }
            List<Buffer> events = translate(current, next.input());
            if (events.isEmpty()) {
                next.done().tryComplete();
            } else {
                current.write(events, next.done());
            }
        }
    }

    private List<Buffer> translate(ServiceSession s, SpeechInput input) {
        SonicInputEvents e = s.inputs();
        List<Buffer> out = new ArrayList<>(3);
        if (input instanceof SpeechInput.Text text) {
            String name = UUID.randomUUID().toString();
            out.add(e.textContentStart(name, "USER", true));
            out.add(e.textInput(name, text.text()));
            out.add(e.contentEnd(name));
        } else if (input instanceof SpeechInput.AudioChunk chunk) {
            if (s.audioContent() == null) {
                s.audioContent(UUID.randomUUID().toString());
                out.add(e.audioContentStart(s.audioContent()));
            }
            out.add(e.audioInput(s.audioContent(), chunk.pcm()));
        } else if (input instanceof SpeechInput.AudioEnd) {
            if (s.audioContent() != null) {
                out.add(e.contentEnd(s.audioContent()));
                s.audioContent(null);
            }
        } else if (input instanceof SpeechInput.ToolResult result) {
            String name = UUID.randomUUID().toString();
            out.add(e.toolContentStart(name, result.toolUseId()));
            out.add(e.toolResult(name, result.content()));
            out.add(e.contentEnd(name));
            history.add("USER", "(result of the tool " + toolNames.getOrDefault(result.toolUseId(), result.toolUseId())
                    + ": " + result.content() + ")");
        }
        return out;
    }

    /** The events of service session {@code number}, then those of the next one when it rolled over. */
    private Multi<SpeechEvent> serviceEvents(int number, int replayed) {
        return client.connect(request, context).onItem().transformToMulti(exchange -> {
            ServiceSession s = new ServiceSession(exchange.request(), exchange.signer(), this::touch);
            start(s, number);
            // items buffered by the decoding step may reach a subscriber on the thread that asked for them: the
            // session's state is still only touched on its context, in the order of the events
            Multi<SpeechEvent> events = s.events().onItem().invoke(event -> {
                if (io.vertx.core.Vertx.currentContext() == context) {
                    observe(s, event);
                } else {
                    onContext(() -> observe(s, event));
                }
            });
            return number == 1 ? events
                    : Multi.createBy().concatenating().streams(
                            Multi.createFrom().item(new SpeechEvent.SessionRolledOver(number, replayed)), events);
        }).onCompletion().switchTo(() -> {
            if (rolloverPending && !over) {
                rolloverPending = false;
                return serviceEvents(number + 1, history.turns().size());
            }
            return Multi.createFrom().empty();
        });
    }

    /** Writes the preamble (and the history after a rollover), then the waiting inputs. On the context. */
    private void start(ServiceSession s, int number) {
        SonicInputEvents e = s.inputs();
        List<Buffer> preamble = new ArrayList<>();
        preamble.add(e.sessionStart(request));
        preamble.add(e.promptStart(request));
        if (request.systemPrompt() != null && !request.systemPrompt().isBlank()) {
            text(e, preamble, "SYSTEM", request.systemPrompt());
        }
        if (number > 1) {
            history.turns().forEach(turn -> text(e, preamble, turn.role(), turn.text()));
        }
        s.write(preamble, null);
        current = s;
        rolling = false;
        serviceStart = System.nanoTime();
        touch();
        startTimers(s);
        drain();
    }

    private static void text(SonicInputEvents e, List<Buffer> out, String role, String text) {
        String name = UUID.randomUUID().toString();
        out.add(e.textContentStart(name, role, false));
        out.add(e.textInput(name, text));
        out.add(e.contentEnd(name));
    }

    private void observe(ServiceSession s, SpeechEvent event) {
        touch();
        if (event instanceof SpeechEvent.ContentStarted started) {
            contents.put(started.contentId(), started);
        } else if (event instanceof SpeechEvent.ToolUse use) {
            toolNames.put(use.toolUseId(), use.toolName());
        } else if (event instanceof SpeechEvent.TextOutput text) {
            SpeechEvent.ContentStarted started = contents.get(text.contentId());
            boolean interruption = text.text().replace(" ", "").equals("{\"interrupted\":true}");
            if (!interruption && (text.role() == SpeechEvent.Role.USER
                    || (text.role() == SpeechEvent.Role.ASSISTANT && started != null && !started.speculative()))) {
                history.add(text.role().name(), text.text());
            }
        } else if (event instanceof SpeechEvent.ContentEnded ended) {
            SpeechEvent.ContentStarted started = contents.remove(ended.contentId());
            if ("END_TURN".equals(ended.stopReason()) && started != null
                    && started.role() == SpeechEvent.Role.ASSISTANT) {
                turnBoundary(s);
            }
        }
    }

    private void turnBoundary(ServiceSession s) {
        if (request.rolloverBefore().isEmpty() || rolling || endRequested || over || current != s) {
            return;
        }
        Duration age = Duration.ofNanos(System.nanoTime() - serviceStart);
        if (age.compareTo(request.sessionCap().minus(request.rolloverBefore().get())) >= 0) {
            rolling = true;
            rolloverPending = true;
            s.close(null);
        }
    }

    private void startTimers(ServiceSession s) {
        if (capTimer >= 0) {
            context.owner().cancelTimer(capTimer);
        }
        capTimer = context.owner().setTimer(request.sessionCap().toMillis(), id -> onContext(() -> {
            if (current == s && !over) {
                s.reset(new SpeechSessionTimeoutException("The speech session reached sessionCap = "
                        + request.sessionCap()
                        + (request.rolloverBefore().isPresent() ? " before a turn boundary allowed a rollover"
                                : ": set rolloverBefore to go on in a new session at a turn boundary"),
                        s.requestId()));
            }
        }));
        if (idleTimer < 0) {
            long idleNanos = request.idleTimeout().toNanos();
            idleTimer = context.owner().setPeriodic(Math.max(20, request.idleTimeout().toMillis() / 4),
                    id -> onContext(() -> {
                        if (current != null && !over && System.nanoTime() - lastActivity > idleNanos) {
                            current.reset(new StreamInterruptedException("Nothing was sent or received for idleTimeout = "
                                    + request.idleTimeout() + " (audio sent counts: stream the microphone's silence"
                                    + " to keep a session open)"
                                    + (current.requestId() == null ? "" : " (request id " + current.requestId() + ")")));
                        }
                    }));
        }
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    private void terminate() {
        if (over) {
            return;
        }
        over = true;
        if (capTimer >= 0) {
            context.owner().cancelTimer(capTimer);
        }
        if (idleTimer >= 0) {
            context.owner().cancelTimer(idleTimer);
        }
        StreamInterruptedException ended = new StreamInterruptedException("The speech session is over");
        inputs.forEach(p -> p.done().tryFail(ended));
        inputs.clear();
        if (current != null && !current.closed()) {
            current.reset(null);
        }
    }

    private void onContext(Runnable action) {
        context.runOnContext(ignored -> action.run());
    }
}
