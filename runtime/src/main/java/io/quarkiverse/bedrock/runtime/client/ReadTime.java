package io.quarkiverse.bedrock.runtime.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.smallrye.mutiny.Context;

/**
 * When the network read carrying the chunks a stream is emitting arrived, for whoever times the chunks (telemetry's
 * time to first chunk and time per output chunk). The stream's idle timeout reads the clock at every read anyway;
 * handing that reading on spares the timing its own clock read per chunk, which costs about as much as the rest of
 * the per-chunk timing together.
 * <p>
 * A subscriber that wants it puts one in its Mutiny context under {@link #CONTEXT_KEY}; the stream marks it as each
 * read arrives, before the read's chunks are decoded and emitted (the next read is only asked for once they are all
 * taken). Chunks of one read share its time: they arrived together. Streams that are not decoded from an event stream
 * (a delegate of another kind, an answer turned into chunks) never mark it, and {@link #nanos()} is then the time of
 * the call.
 */
public final class ReadTime {

    /** The key of the Mutiny {@link Context} entry holding the stream's read time. */
    public static final String CONTEXT_KEY = ReadTime.class.getName();

    private static final long UNMARKED = Long.MIN_VALUE;
    private static final VarHandle NANOS;

    static {
        try {
            NANOS = MethodHandles.lookup().findVarHandle(ReadTime.class, "nanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written and read with release/acquire: a plain store on x86, where a volatile one would cost a fence per read. */
    @SuppressWarnings("unused")
    private long nanos = UNMARKED;

    /** @return {@link System#nanoTime()} at the arrival of the read being emitted, or now when none was marked */
    public long nanos() {
        long marked = (long) NANOS.getAcquire(this);
        return marked != UNMARKED ? marked : System.nanoTime();
    }

    /** @param nanoTime {@link System#nanoTime()} when a read arrived */
    public void arrived(long nanoTime) {
        NANOS.setRelease(this, nanoTime);
    }

    /**
     * @param context a subscriber's context
     * @return the read time the subscriber wants marked, or null
     */
    static ReadTime in(Context context) {
        return context.getOrElse(CONTEXT_KEY, () -> null);
    }
}
