package io.quarkiverse.bedrock.runtime.resilience;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.operators.multi.MultiOperatorProcessor;
import io.smallrye.mutiny.subscription.MultiSubscriber;

/**
 * A pass-through stream processor that a timer may fail: whichever comes first, the stream's own end, a cancel or the
 * timer, is the only terminal signal downstream sees, and it stops the timer. Items are passed under the same lock,
 * so none arrives after a timeout failure.
 *
 * @param <T> the item type
 */
public abstract class TimerFailedProcessor<T> extends MultiOperatorProcessor<T, T> {

    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> timer;
    private boolean terminated;

    protected TimerFailedProcessor(MultiSubscriber<? super T> downstream, ScheduledExecutorService scheduler) {
        super(downstream);
        this.scheduler = scheduler;
    }

    @Override
    public void onItem(T item) {
        synchronized (this) {
            if (terminated) {
                return;
            }
            downstream.onItem(item);
        }
    }

    @Override
    public void onFailure(Throwable t) {
        if (terminate()) {
            super.onFailure(t);
        }
    }

    @Override
    public void onCompletion() {
        if (terminate()) {
            super.onCompletion();
        }
    }

    @Override
    public void cancel() {
        terminate();
        super.cancel();
    }

    /** Runs {@code task} once after {@code delayNanos}, replacing the pending timer; does nothing once terminated. */
    protected final synchronized void schedule(Runnable task, long delayNanos) {
        if (!terminated) {
            timer = scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Cancels the upstream and fails downstream with {@code failure}, unless the stream already ended. */
    protected final void fail(Throwable failure) {
        if (terminate()) {
            cancelUpstream();
            downstream.onFailure(failure);
        }
    }

    /** @return true for the first terminal signal, which stops the timer */
    private synchronized boolean terminate() {
        if (terminated) {
            return false;
        }
        terminated = true;
        if (timer != null) {
            timer.cancel(false);
        }
        return true;
    }
}
