package io.quarkiverse.bedrock.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulator's write side saw of its streamed answers, for tests of backpressure and cancellation: a client that
 * reads slowly makes the emulator's writes wait for the socket to drain ({@link #writePauses()},
 * {@link #pausedNow()}); a client that cancels closes the connection before the stream ended ({@link #closedEarly()}).
 * Thread-safe; {@link BedrockEmulator#reset()} zeroes it.
 */
public final class StreamStats {

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private final AtomicInteger writePauses = new AtomicInteger();
    private final AtomicInteger pausedNow = new AtomicInteger();
    private final AtomicLong framesWritten = new AtomicLong();

    StreamStats() {
    }

    /** @return streamed answers whose headers went out */
    public int started() {
        return started.get();
    }

    /** @return streamed answers the emulator ended itself (all frames, or up to an injected fault that ends it) */
    public int completed() {
        return completed.get();
    }

    /** @return streamed answers whose connection the client closed before the emulator ended them */
    public int closedEarly() {
        return closedEarly.get();
    }

    /** @return how many times a stream's write waited because the socket's write queue was full */
    public int writePauses() {
        return writePauses.get();
    }

    /** @return streams waiting right now for the socket to drain before writing on (the client is not reading) */
    public int pausedNow() {
        return pausedNow.get();
    }

    /** @return frames (or recorded network reads) handed to the socket, over all streams */
    public long framesWritten() {
        return framesWritten.get();
    }

    void onStart() {
        started.incrementAndGet();
    }

    void onComplete() {
        completed.incrementAndGet();
    }

    void onClosedEarly() {
        closedEarly.incrementAndGet();
    }

    void onFrame() {
        framesWritten.incrementAndGet();
    }

    void onPause() {
        writePauses.incrementAndGet();
        pausedNow.incrementAndGet();
    }

    void onResume() {
        pausedNow.decrementAndGet();
    }

    void reset() {
        started.set(0);
        completed.set(0);
        closedEarly.set(0);
        writePauses.set(0);
        pausedNow.set(0);
        framesWritten.set(0);
    }

    @Override
    public String toString() {
        return "StreamStats[started=" + started + ", completed=" + completed + ", closedEarly=" + closedEarly
                + ", writePauses=" + writePauses + ", pausedNow=" + pausedNow + ", framesWritten=" + framesWritten + "]";
    }
}
