package io.quarkiverse.bedrock.runtime.telemetry;

/**
 * Times the output chunks of one stream: the first against the start of the operation, each later one against the
 * one before, and tells only what times them ({@link Observation#everyChunk()}). Shared by chat streams and speech
 * sessions; called on the stream's serialized signals.
 */
final class OutputTiming {

    private final Observation observation;
    /** What times the output chunks after the first, or null: then they are not timed at all. */
    private final Observation everyChunk;
    private final long start;
    private long previous;
    private boolean seenOutput;

    /**
     * @param observation the operation's observation
     * @param start {@link System#nanoTime()} at the operation's start
     */
    OutputTiming(Observation observation, long start) {
        this.observation = observation;
        this.everyChunk = observation.everyChunk();
        this.start = start;
    }

    /** @return whether the next output chunk is timed: the first always, later ones when something times them */
    boolean timesNext() {
        return !seenOutput || everyChunk != null;
    }

    /** @param now {@link System#nanoTime()} of an output chunk that {@link #timesNext()} said is timed */
    void output(long now) {
        if (seenOutput) {
            everyChunk.nextChunk(Math.max(0, now - previous));
        } else {
            seenOutput = true;
            observation.firstChunk(Math.max(0, now - start));
        }
        previous = now;
    }
}
