package io.quarkiverse.bedrock.runtime.telemetry;

import java.time.Duration;
import java.util.Arrays;

/** Fans one operation's events out to the observations of several backends. */
final class CompositeObservation implements Observation {

    private final Observation[] observations;

    CompositeObservation(Observation[] observations) {
        this.observations = observations;
    }

    @Override
    public void firstChunk(long sinceStart) {
        for (Observation o : observations) {
            o.firstChunk(sinceStart);
        }
    }

    @Override
    public void nextChunk(long sincePrevious) {
        for (Observation o : observations) {
            o.nextChunk(sincePrevious);
        }
    }

    /** @return the one observation that times every chunk, the composite of those that do, or null */
    @Override
    public Observation everyChunk() {
        Observation[] timing = new Observation[observations.length];
        int count = 0;
        for (Observation o : observations) {
            Observation every = o.everyChunk();
            if (every != null) {
                timing[count++] = every;
            }
        }
        if (count <= 1) {
            return count == 0 ? null : timing[0];
        }
        return new CompositeObservation(Arrays.copyOf(timing, count));
    }

    @Override
    public boolean recordsContent() {
        for (Observation o : observations) {
            if (o.recordsContent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public TraceScope traceScope() {
        for (Observation o : observations) {
            TraceScope scope = o.traceScope();
            if (scope != null) {
                return scope;
            }
        }
        return null;
    }

    @Override
    public String traceId() {
        for (Observation o : observations) {
            String id = o.traceId();
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    @Override
    public void retry(int attempt, String cause, Duration backoff) {
        for (Observation o : observations) {
            o.retry(attempt, cause, backoff);
        }
    }

    @Override
    public void throttled() {
        for (Observation o : observations) {
            o.throttled();
        }
    }

    @Override
    public void fallback(String kind) {
        for (Observation o : observations) {
            o.fallback(kind);
        }
    }

    @Override
    public void succeeded(Outcome outcome) {
        for (Observation o : observations) {
            o.succeeded(outcome);
        }
    }

    @Override
    public void failed(Throwable failure) {
        for (Observation o : observations) {
            o.failed(failure);
        }
    }

    @Override
    public void cancelled() {
        for (Observation o : observations) {
            o.cancelled();
        }
    }
}
