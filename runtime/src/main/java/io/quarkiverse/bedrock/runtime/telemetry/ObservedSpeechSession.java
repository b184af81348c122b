package io.quarkiverse.bedrock.runtime.telemetry;

import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.api.speech.SpeechInput;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A speech session observed as one streamed {@code chat} operation: from the subscription to its events (which opens
 * the session) to their end, with the first text or audio output as the first chunk and the session's last usage
 * event as its usage.
 */
final class ObservedSpeechSession implements SpeechSession {

    /** {@code bedrock.client.api} of speech sessions. */
    static final String API = "invoke-with-bidirectional-stream";

    private final SpeechSession delegate;
    private final ObservedBedrockClient client;
    private final Operation operation;

    ObservedSpeechSession(SpeechSession delegate, ObservedBedrockClient client, Operation operation) {
        this.delegate = delegate;
        this.client = client;
        this.operation = operation;
    }

    @Override
    public Multi<SpeechEvent> events() {
        return Multi.createFrom().deferred(() -> {
            long start = System.nanoTime();
            Observation o = client.start(operation, start);
            Watch watch = new Watch(o, start);
            return delegate.events()
                    .onItem().invoke(watch::onEvent)
                    .onFailure().invoke(o::failed)
                    .onCompletion().invoke(watch::onCompletion)
                    .onCancellation().invoke(o::cancelled);
        });
    }

    @Override
    public Uni<Void> send(SpeechInput input) {
        return delegate.send(input);
    }

    @Override
    public Uni<Void> sendAll(Multi<? extends SpeechInput> inputs) {
        return delegate.sendAll(inputs);
    }

    @Override
    public Uni<Void> end() {
        return delegate.end();
    }

    @Override
    public void cancel() {
        delegate.cancel();
    }

    /** Follows one session's events. */
    private final class Watch {
        private final Observation observation;
        private final OutputTiming timing;
        private SpeechEvent.Usage usage;

        Watch(Observation observation, long start) {
            this.observation = observation;
            this.timing = new OutputTiming(observation, start);
        }

        void onEvent(SpeechEvent event) {
            if (event instanceof SpeechEvent.TextOutput || event instanceof SpeechEvent.AudioOutput) {
                if (timing.timesNext()) {
                    timing.output(System.nanoTime());
                }
            } else if (event instanceof SpeechEvent.Usage u) {
                usage = u; // the session's usage so far: the last one is the total
            }
        }

        void onCompletion() {
            Usage total = usage == null ? null
                    : new Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens(), 0, 0);
            observation.succeeded(new Outcome(null, operation.model(), null, total, API, -1, null));
        }
    }
}
