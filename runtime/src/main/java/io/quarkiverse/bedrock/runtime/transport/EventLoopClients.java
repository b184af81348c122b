package io.quarkiverse.bedrock.runtime.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * One Vert.x HTTP client per event loop, so that a stream is read, decoded and delivered on one thread, and streams
 * started from threads without a Vert.x context spread over the event loops.
 * <p>
 * A Vert.x client opens a connection on the caller's event loop but lends pooled connections to any caller, and a
 * connection read on one event loop for a caller on another pays a thread hop per network read. A caller without a
 * context (a plain thread) always gets the same "sticky" event loop from Vert.x, which put every stream such a thread
 * started on one core: in the load harness, 50 concurrent HTTP/1.1 streams started from the main thread were all read
 * by one event loop while the others idled. Over HTTP/1.1 such callers now take turns over as many event loops as there
 * are processors (more only add wake-ups: a third more CPU per delta with 4 loops on 2 cores for events 5 ms apart).
 * Over HTTP/2 they share one event loop, hence one small pool of connections (up to 25 streams each) for all their
 * streams: many streams' frames then come in one network read, which cut the CPU per delta by a quarter against two
 * loops (two connections) in the harness.
 */
final class EventLoopClients {

    /** An event loop's context, for callers that have none, and its client. */
    private record Loop(ContextInternal context, HttpClient client) {
    }

    private final VertxInternal vertx;
    private final Supplier<HttpClient> factory;
    private final ConcurrentMap<EventLoop, Loop> loops = new ConcurrentHashMap<>();
    /** The event loops callers without a context take turns on. */
    private final List<EventLoop> shared = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    /**
     * @param vertx the Vert.x instance whose event loops carry the streams
     * @param factory creates a client; called once per event loop, on first use
     * @param sharedLoops how many event loops callers without a context take turns on
     */
    EventLoopClients(VertxInternal vertx, Supplier<HttpClient> factory, int sharedLoops) {
        this.vertx = vertx;
        this.factory = factory;
        for (EventExecutor executor : vertx.nettyEventLoopGroup()) {
            if (shared.size() < Math.max(1, sharedLoops)) {
                shared.add((EventLoop) executor);
            }
        }
    }

    /**
     * Subscribes to the exchange {@code send} starts: in the caller's context with the client of its event loop when
     * the caller has a context of this Vert.x instance; otherwise on the next shared event loop, in turn.
     *
     * @param send starts the exchange with the given client, when subscribed
     * @return the exchange, subscribed on the chosen event loop
     */
    <T> Uni<T> on(Function<HttpClient, Uni<T>> send) {
        return Uni.createFrom().deferred(() -> {
            ContextInternal caller = ContextInternal.current();
            if (caller != null && caller.owner() == vertx) {
                return send.apply(loop(caller.nettyEventLoop()).client());
            }
            Loop loop = loop(shared.get(Math.floorMod(turn.getAndIncrement(), shared.size())));
            return send.apply(loop.client())
                    .runSubscriptionOn(task -> loop.context().runOnContext(ignored -> task.run()));
        });
    }

    private Loop loop(EventLoop eventLoop) {
        return loops.computeIfAbsent(eventLoop, l -> new Loop(
                vertx.createEventLoopContext(l, vertx.getWorkerPool(), Thread.currentThread().getContextClassLoader()),
                factory.get()));
    }

    /** Closes every client. */
    void close() {
        loops.values().forEach(loop -> loop.client().closeAndForget());
        loops.clear();
    }
}
