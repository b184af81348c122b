package io.quarkiverse.bedrock.api.sse;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Writes event payloads to an {@link SseEventSink} one at a time (the next is requested once the previous one is
 * written), and tells {@code started} when the first one is written: a failure before it fails {@code started}
 * instead, so that the framework can still answer with an HTTP status.
 * <p>
 * The sink is closed only after {@code started} was told, by a task queued on the request's Vert.x context behind the
 * one in which Quarkus REST resumes the request: resumed, Quarkus REST registers a close handler on the response, which
 * fails ("Response has already been written", logged as an error for a request answered well) when a short stream had
 * already ended it.
 */
final class SseChunkSender implements Flow.Subscriber<Map<String, Object>> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SseEventSink sink;
    private final Sse sse;
    private final UniEmitter<? super Void> started;
    private volatile Flow.Subscription subscription;
    private volatile boolean sentOne;
    // the last write: the sink is closed after it, never before
    private volatile CompletionStage<?> lastWrite = CompletableFuture.completedFuture(null);
    /** Where the request runs (the resource method's context); null off a Vert.x thread. */
    private final Context requestContext;
    /** Guarded by {@code this}: whether {@code started} was told, and whether the sink waits for that to close. */
    private boolean told;
    private boolean closeOnceTold;

    SseChunkSender(SseEventSink sink, Sse sse, UniEmitter<? super Void> started) {
        this.sink = sink;
        this.sse = sse;
        this.started = started;
        this.requestContext = Vertx.currentContext();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        started.onTermination(() -> {
            if (!sentOne) {
                // the caller left (or the framework gave up) before the first event: stop the stream
                s.cancel();
            }
        });
        s.request(1);
    }

    @Override
    public void onNext(Map<String, Object> event) {
        if (sink.isClosed()) {
            subscription.cancel();
            return;
        }
        String json;
        try {
            json = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            onError(e);
            subscription.cancel();
            return;
        }
        // written as text: an event with a media type gets a "content-type:" line of its own in Quarkus REST
        CompletionStage<?> write = sink.send(sse.newEvent(json));
        lastWrite = write;
        write.whenComplete((ignored, failure) -> {
            if (failure != null) {
                subscription.cancel();
                if (!fail(failure)) {
                    closeSink();
                }
                return;
            }
            if (!sentOne) {
                sentOne = true;
                succeed();
            }
            subscription.request(1);
        });
    }

    @Override
    public void onError(Throwable failure) {
        if (sentOne) {
            lastWrite.whenComplete((ignored, f) -> closeSink());
        } else {
            fail(failure);
        }
    }

    @Override
    public void onComplete() {
        lastWrite.whenComplete((ignored, f) -> {
            succeed();
            closeSink();
        });
    }

    /** Tells {@code started} the stream started (or ended without an event), once; then a waiting close goes ahead. */
    private void succeed() {
        synchronized (this) {
            if (told) {
                return;
            }
            told = true;
        }
        started.complete(null);
        boolean close;
        synchronized (this) {
            close = closeOnceTold;
        }
        if (close) {
            closeBehindResume();
        }
    }

    /** @return whether {@code started} was failed: false when it had been told already */
    private boolean fail(Throwable failure) {
        synchronized (this) {
            if (told) {
                return false;
            }
            told = true;
        }
        started.fail(failure);
        return true;
    }

    private void closeSink() {
        synchronized (this) {
            if (!told) {
                closeOnceTold = true;
                return;
            }
        }
        closeBehindResume();
    }

    /** Queued behind the task in which Quarkus REST resumed the request when {@code started} was told. */
    private void closeBehindResume() {
        if (requestContext == null) {
            sink.close();
        } else {
            requestContext.runOnContext(ignored -> sink.close());
        }
    }
}
