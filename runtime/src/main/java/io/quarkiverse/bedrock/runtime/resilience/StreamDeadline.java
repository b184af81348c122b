package io.quarkiverse.bedrock.runtime.resilience;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.AbstractMultiOperator;
import io.smallrye.mutiny.subscription.MultiSubscriber;

/**
 * Fails a stream that has not ended a fixed time after its subscription, cancelling it (which resets its HTTP
 * request): a stream that trickles a byte now and then never trips the idle timeout, but does trip this.
 *
 * @param <T> the item type
 */
public final class StreamDeadline<T> extends AbstractMultiOperator<T, T> {

    private final long nanos;
    private final Supplier<? extends Throwable> failure;
    private final ScheduledExecutorService scheduler;

    private StreamDeadline(Multi<T> upstream, Duration total, Supplier<? extends Throwable> failure,
            ScheduledExecutorService scheduler) {
        super(upstream);
        this.nanos = total.toNanos();
        this.failure = failure;
        this.scheduler = scheduler;
    }

    /**
     * @param upstream the stream
     * @param total the longest time from subscription to its end
     * @param failure the failure to emit when the time runs out
     * @param scheduler where the deadline is timed
     * @return the stream, bounded
     */
    public static <T> Multi<T> of(Multi<T> upstream, Duration total, Supplier<? extends Throwable> failure,
            ScheduledExecutorService scheduler) {
        return new StreamDeadline<>(upstream, total, failure, scheduler);
    }

    @Override
    public void subscribe(MultiSubscriber<? super T> downstream) {
        upstream.subscribe().withSubscriber(new Bounded(downstream));
    }

    private final class Bounded extends TimerFailedProcessor<T> {

        Bounded(MultiSubscriber<? super T> downstream) {
            super(downstream, scheduler);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            schedule(() -> fail(failure.get()), nanos);
            super.onSubscribe(subscription);
        }
    }
}
