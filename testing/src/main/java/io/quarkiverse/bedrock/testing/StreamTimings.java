package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * When the emulator wrote the first frames of each streamed answer to the socket (the completion of the write, not
 * its call: writes made while handling a batch of reads are only flushed at the end of the batch), on
 * {@link System#nanoTime()}: a benchmark client
 * compares them with its own receive times. On Linux {@code nanoTime} reads the system-wide monotonic clock, so a
 * client in another process on the same machine can subtract the two.
 * <p>
 * Kept per {@code x-amzn-RequestId}, at most {@value #CAPACITY} streams (the oldest are dropped), readable from
 * another process at {@code GET} {@value #PATH} and cleared with {@code DELETE} on the same path. Thread-safe.
 */
public final class StreamTimings {

    /** Admin path of the emulator serving these timings as JSON; not a Bedrock operation, not signed. */
    public static final String PATH = "/emulator/stream-timings";

    static final int CAPACITY = 10_000;

    /**
     * @param requestId the {@code x-amzn-RequestId} of the answer
     * @param firstEventNanos {@code System.nanoTime()} when the first frame had been written to the socket
     * @param firstTextNanos {@code System.nanoTime()} when the frame with the first text delta had been written to the
     *        socket, or
     *        -1 when the answer had none (or is not a ConverseStream answer)
     */
    public record Timing(String requestId, long firstEventNanos, long firstTextNanos) {
    }

    private final Map<String, Timing> timings = new LinkedHashMap<>();

    synchronized void firstEvent(String requestId, long nanos) {
        if (requestId == null) {
            return;
        }
        timings.put(requestId, new Timing(requestId, nanos, -1));
        if (timings.size() > CAPACITY) {
            Iterator<String> oldest = timings.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized void firstText(String requestId, long nanos) {
        Timing t = requestId == null ? null : timings.get(requestId);
        if (t != null) {
            timings.put(requestId, new Timing(requestId, t.firstEventNanos(), nanos));
        }
    }

    /** @return the recorded streams, oldest first */
    public synchronized List<Timing> all() {
        return new ArrayList<>(timings.values());
    }

    /** Forgets every recorded stream. */
    public synchronized void clear() {
        timings.clear();
    }

    /** @return {@code {"clock":"System.nanoTime","streams":[{"requestId":..,"firstEventNanos":..,"firstTextNanos":..}]}} */
    ObjectNode toJson() {
        ObjectNode root = Json.object().put("clock", "System.nanoTime");
        ArrayNode streams = root.putArray("streams");
        for (Timing t : all()) {
            streams.addObject().put("requestId", t.requestId()).put("firstEventNanos", t.firstEventNanos())
                    .put("firstTextNanos", t.firstTextNanos());
        }
        return root;
    }
}
