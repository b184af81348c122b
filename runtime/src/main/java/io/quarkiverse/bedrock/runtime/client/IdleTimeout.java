package io.quarkiverse.bedrock.runtime.client;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.quarkiverse.bedrock.runtime.resilience.TimerFailedProcessor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.operators.multi.AbstractMultiOperator;
import io.smallrye.mutiny.subscription.ContextSupport;
import io.smallrye.mutiny.subscription.MultiSubscriber;

/**
 * Fails a stream that stays silent for longer than a duration: Mutiny's {@code ifNoItem().after(...)} with one timer
 * per idle period instead of one per item.
 * <p>
 * Silence only counts while the subscriber is waiting: from a request until the items it asked for arrived. A
 * subscriber that takes its time between two requests holds the connection paused, and that is backpressure, not a
 * silent Bedrock.
 * <p>
 * Mutiny's operator cancels and schedules a task on a shared scheduler for every item, which cost the streaming
 * client more CPU than decoding the frame. Here an item only stores its arrival time; the timer, when it fires, re-arms
 * itself for the rest of the period if items came meanwhile. That arrival time is also the stream's {@link ReadTime}
 * when the subscriber's context holds one.
 *
 * @param <T> the item type
 */
final class IdleTimeout<T> extends AbstractMultiOperator<T, T> {

    private static final long MIN_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private final long idleNanos;
    private final Supplier<? extends Throwable> failure;
    private final ScheduledExecutorService scheduler;

    private IdleTimeout(Multi<T> upstream, Duration idle, Supplier<? extends Throwable> failure,
            ScheduledExecutorService scheduler) {
        super(upstream);
        this.idleNanos = idle.toNanos();
        this.failure = failure;
        this.scheduler = scheduler;
    }

    /**
     * @param upstream the stream to watch
     * @param idle the longest silence allowed between subscription and the first item, or between two items
     * @param failure the failure to emit, after cancelling the upstream, when the stream stays silent longer
     * @param scheduler where the silence is timed
     * @return the watched stream
     */
    static <T> Multi<T> after(Multi<T> upstream, Duration idle, Supplier<? extends Throwable> failure,
            ScheduledExecutorService scheduler) {
        return new IdleTimeout<>(upstream, idle, failure, scheduler);
    }

    @Override
    public void subscribe(MultiSubscriber<? super T> downstream) {
        upstream.subscribe().withSubscriber(new Watcher(downstream));
    }

    private final class Watcher extends TimerFailedProcessor<T> {

        private volatile long lastActivity;
        /** Items requested and not received yet; {@code Long.MAX_VALUE} for unbounded. */
        private final AtomicLong awaited = new AtomicLong();
        /** Told when each item arrived, when the subscriber times what it gets; else null. */
        private final ReadTime readTime;

        Watcher(MultiSubscriber<? super T> downstream) {
            super(downstream, scheduler);
            this.readTime = downstream instanceof ContextSupport timed ? ReadTime.in(timed.context()) : null;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            lastActivity = System.nanoTime();
            arm(idleNanos);
            super.onSubscribe(subscription);
        }

        @Override
        public void request(long n) {
            if (n > 0 && Subscriptions.add(awaited, n) == 0) {
                // the wait for an item starts now, however long the subscriber took to ask
                lastActivity = System.nanoTime();
            }
            super.request(n);
        }

        @Override
        public void onItem(T item) {
            long now = System.nanoTime();
            lastActivity = now;
            if (readTime != null) {
                readTime.arrived(now);
            }
            Subscriptions.produced(awaited, 1);
            super.onItem(item);
        }

        private void arm(long delayNanos) {
            // Vert.x timers refuse delays under 1 ms, and a refused re-arm would leave the stream without a watcher
            schedule(this::check, Math.max(delayNanos, MIN_DELAY_NANOS));
        }

        private void check() {
            long silent = System.nanoTime() - lastActivity;
            boolean waiting = awaited.get() > 0;
            if (!waiting || silent < idleNanos) {
                arm(waiting ? idleNanos - silent : idleNanos);
            } else {
                fail(failure.get());
            }
        }
    }
}
