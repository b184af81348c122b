package io.quarkiverse.bedrock.runtime.transport;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Times the deadlines of one client's exchanges (response headers, a stream's total time). Almost every deadline is
 * cancelled because its exchange ended in time, and Mutiny's shared scheduler keeps a cancelled task queued until it
 * would have fired: with {@code stream-timeout} at 15 minutes, every stream of the last 15 minutes held its task, a heap
 * that grew with the stream rate (about 100 bytes a stream, 4 MB after 20,000 streams in the soak benchmark). Here a
 * cancelled deadline leaves the queue at once. An expiry is handed to Mutiny's executor, as Mutiny's scheduler does,
 * so that no caller code runs on this one thread.
 */
final class DeadlineScheduler extends ScheduledThreadPoolExecutor {

    private final Executor expiries;

    /** A scheduler that hands expiries to Mutiny's executor. */
    DeadlineScheduler() {
        this(Infrastructure.getDefaultExecutor());
    }

    /** @param expiries runs the expiries */
    DeadlineScheduler(Executor expiries) {
        super(1, task -> {
            Thread thread = new Thread(task, "bedrock-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
        this.expiries = expiries;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(() -> expiries.execute(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("deadlines are Runnables: their expiry runs on another executor");
    }
}
