package io.quarkiverse.bedrock.runtime.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.inject.Singleton;

/**
 * The last operations of every client, for the Dev UI's recent-requests page: model, API, status, latency, tokens,
 * request id, retries. Never content, never a credential. Registered in dev mode only.
 */
@Singleton
public class RecentRequests implements OperationObserver {

    /** How many operations are kept. */
    static final int CAPACITY = 100;

    /**
     * One finished operation.
     *
     * @param time when it started
     * @param client the client's name
     * @param operation the GenAI operation name
     * @param model the requested model
     * @param stream whether the answer was streamed
     * @param api the Bedrock API, when known
     * @param status {@code ok}, {@code cancelled} or the error type
     * @param latencyMs from start to end
     * @param timeToFirstChunkMs for streams, -1 otherwise
     * @param inputTokens input tokens (cache reads and writes included), -1 when unknown
     * @param outputTokens output tokens, -1 when unknown
     * @param requestId the AWS request id, or null
     * @param retries retries made
     */
    public record Entry(Instant time, String client, String operation, String model, boolean stream, String api,
            String status, long latencyMs, long timeToFirstChunkMs, int inputTokens, int outputTokens, String requestId,
            int retries) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    @Override
    public Observation start(Operation operation, long startNanos) {
        return new Recording(operation, Instant.now(), startNanos);
    }

    /** @return the recent operations, newest first */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** Forgets every recorded operation. */
    public synchronized void clear() {
        entries.clear();
    }

    private synchronized void add(Entry entry) {
        entries.addFirst(entry);
        while (entries.size() > CAPACITY) {
            entries.removeLast();
        }
    }

    private final class Recording implements Observation {

        private final Operation op;
        private final Instant time;
        private final long start;
        private long firstChunkNanos = -1;
        private int retries;

        Recording(Operation op, Instant time, long start) {
            this.op = op;
            this.time = time;
            this.start = start;
        }

        @Override
        public void firstChunk(long sinceStart) {
            firstChunkNanos = sinceStart;
        }

        @Override
        public void retry(int attempt, String cause, Duration backoff) {
            retries++;
        }

        @Override
        public void succeeded(Outcome outcome) {
            end("ok", outcome.api() != null ? outcome.api() : op.api(), outcome.conventionInputTokens(),
                    outcome.usage() == null ? -1 : outcome.usage().outputTokens(), outcome.responseId());
        }

        @Override
        public void failed(Throwable failure) {
            end(ErrorTypes.of(failure), op.api(), -1, -1, null);
        }

        @Override
        public void cancelled() {
            end(ErrorTypes.CANCELLED, op.api(), -1, -1, null);
        }

        private void end(String status, String api, int input, int output, String requestId) {
            long latency = (System.nanoTime() - start) / 1_000_000;
            add(new Entry(time, op.client(), op.name(), op.model(), op.stream(), api, status, latency,
                    firstChunkNanos < 0 ? -1 : firstChunkNanos / 1_000_000, input, output, requestId, retries));
        }
    }
}
