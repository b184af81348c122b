package io.quarkiverse.bedrock.runtime.telemetry;

import java.time.Duration;

/**
 * One operation being observed. Exactly one of {@link #succeeded}, {@link #failed} or {@link #cancelled} is called,
 * once. {@link #nextChunk} is called on the stream's thread for every output chunk after the first, so it must not
 * allocate.
 */
public interface Observation {

    /**
     * The first output chunk of a streamed answer arrived.
     *
     * @param sinceStart nanoseconds since the request was issued
     */
    default void firstChunk(long sinceStart) {
    }

    /**
     * Another output chunk arrived: called on the observation {@link #everyChunk()} returned, for every output chunk
     * after the first.
     *
     * @param sincePrevious nanoseconds since the previous output chunk
     */
    default void nextChunk(long sincePrevious) {
    }

    /**
     * Asked once per stream, so that a chunk after the first only reaches what times it (and is not timed at all when
     * nothing does): a span wants the first chunk only, the per-chunk metric every one.
     *
     * @return what to tell of every output chunk after the first, or null when nothing wants them
     */
    default Observation everyChunk() {
        return null;
    }

    /**
     * A retry of the request is about to be sent.
     *
     * @param attempt the attempt number, 2 for the first retry
     * @param cause the error type that caused it
     * @param backoff the wait before it is sent
     */
    default void retry(int attempt, String cause, Duration backoff) {
    }

    /** Bedrock throttled an attempt (retried or not). */
    default void throttled() {
    }

    /**
     * The call was answered another way than asked, or held back.
     *
     * @param kind e.g. {@code streaming-tools}, {@code adaptive-limiter-wait}
     */
    default void fallback(String kind) {
    }

    /**
     * @return whether this observation records the answer's text (content recording on): a stream's text deltas are
     *         then kept and handed over once, in the {@link Outcome}
     */
    default boolean recordsContent() {
        return false;
    }

    /** @return the scope that makes the operation's span current while its requests are sent, or null when none */
    default TraceScope traceScope() {
        return null;
    }

    /** @return the trace id of the operation's span, or null when this observation has no span */
    default String traceId() {
        return null;
    }

    /** @param outcome what came back */
    void succeeded(Outcome outcome);

    /** @param failure why the operation failed */
    void failed(Throwable failure);

    /** The subscriber cancelled before the end (a stream abandoned, a Uni timed out by the caller). */
    void cancelled();
}
