package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import io.quarkiverse.bedrock.runtime.client.ReadTime;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.AbstractMultiOperator;
import io.smallrye.mutiny.operators.multi.MultiOperatorProcessor;
import io.smallrye.mutiny.subscription.MultiSubscriber;

/**
 * One observed stream in a single operator: hands every signal to the subscription's {@link StreamWatch} before passing
 * it on, and gives the upstream the call's context entries (see {@link WithContext}) and the watch's {@link ReadTime}. One
 * operator rather than a chain
 * of {@code invoke} stages because each stage is a hop for every chunk. Its signals behave as those stages did: a
 * failing watch fails the stream, a failure after the end is dropped.
 */
final class WatchedStream {

    private WatchedStream() {
    }

    /**
     * @param upstream the stream of the call
     * @param entries the context entries of the call
     * @param watch follows the subscription
     * @param onItem what the watch does with an item ({@link StreamWatch#onChunk}, {@link StreamWatch#onObjectChunk})
     * @return {@code upstream}, watched
     */
    static <T> Multi<T> of(Multi<T> upstream, Map<String, Object> entries, StreamWatch watch, Consumer<? super T> onItem) {
        return new AbstractMultiOperator<T, T>(upstream) {
            @Override
            public void subscribe(MultiSubscriber<? super T> downstream) {
                upstream.subscribe().withSubscriber(new Processor<>(downstream, entries, watch, onItem));
            }
        };
    }

    private static final class Processor<T> extends MultiOperatorProcessor<T, T> {

        private final Context context;
        private final StreamWatch watch;
        private final Consumer<? super T> onItem;

        Processor(MultiSubscriber<? super T> downstream, Map<String, Object> entries, StreamWatch watch,
                Consumer<? super T> onItem) {
            super(downstream);
            this.context = WithContext.merged(super.context(), entries);
            context.put(ReadTime.CONTEXT_KEY, watch.readTime());
            this.watch = watch;
            this.onItem = onItem;
        }

        @Override
        public Context context() {
            return context;
        }

        @Override
        public void onItem(T item) {
            Flow.Subscription upstream = getUpstreamSubscription();
            if (upstream == Subscriptions.CANCELLED) {
                return;
            }
            try {
                onItem.accept(item);
            } catch (Throwable t) {
                upstream.cancel();
                onFailure(t);
                return;
            }
            downstream.onItem(item);
        }

        @Override
        public void onFailure(Throwable failure) {
            if (getAndSetUpstreamSubscription(Subscriptions.CANCELLED) == Subscriptions.CANCELLED) {
                Infrastructure.handleDroppedException(failure);
                return;
            }
            Throwable reported = failure;
            try {
                watch.onFailure(failure);
            } catch (Throwable t) {
                reported = new CompositeException(failure, t);
            }
            downstream.onFailure(reported);
        }

        @Override
        public void onCompletion() {
            try {
                watch.onCompletion();
            } catch (Throwable t) {
                super.onFailure(t);
                return;
            }
            super.onCompletion();
        }

        @Override
        public void cancel() {
            try {
                watch.onCancellation();
            } catch (Throwable t) {
                Infrastructure.handleDroppedException(t);
            }
            super.cancel();
        }
    }
}
