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

/**
 * Writes event payloads to an {@link SseEventSink} one at a time (the next is requested once the previous one is
 * written), and tells {@code started} when the first one is written: a failure before it fails {@code started}
 * instead, so that the framework can still answer with an HTTP status.
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

    SseChunkSender(SseEventSink sink, Sse sse, UniEmitter<? super Void> started) {
        this.sink = sink;
        this.sse = sse;
        this.started = started;
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
                sink.close();
                started.fail(failure);
                return;
            }
            if (!sentOne) {
                sentOne = true;
                started.complete(null);
            }
            subscription.request(1);
        });
    }

    @Override
    public void onError(Throwable failure) {
        if (sentOne) {
            lastWrite.whenComplete((ignored, f) -> sink.close());
        } else {
            started.fail(failure);
        }
    }

    @Override
    public void onComplete() {
        lastWrite.whenComplete((ignored, f) -> {
            sink.close();
            started.complete(null);
        });
    }
}
