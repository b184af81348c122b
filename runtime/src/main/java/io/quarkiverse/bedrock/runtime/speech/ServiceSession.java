package io.quarkiverse.bedrock.runtime.speech;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.ModelTimeoutException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.api.speech.SpeechSessionTimeoutException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.transport.ServiceErrors;
import io.quarkiverse.bedrock.runtime.transport.StreamErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * One service session: one HTTP/2 stream whose request body carries this session's signed input events, written in
 * order as they come and paced by the stream's flow-control window, and whose response body is decoded into
 * {@link SpeechEvent}s as the subscriber asks for them. Every method except {@link #events()} runs on the stream's
 * Vert.x context.
 */
final class ServiceSession {

    /** An event to write, and the send it completes (null when none waits). */
    private record Outgoing(Buffer event, boolean last, Promise<Void> done) {
    }

    private final HttpClientRequest request;
    private final EventSigner signer;
    private final SonicInputEvents inputs;
    private final Activity activity;
    private final Deque<Outgoing> queue = new ArrayDeque<>();
    private String audioContent;
    private boolean closed;
    private volatile String requestId;
    private volatile BedrockException terminal;

    /**
     * @param request the HTTP/2 request, its head sent
     * @param signer signs this request's events
     * @param activity told of every byte in either direction
     */
    ServiceSession(HttpClientRequest request, EventSigner signer, Activity activity) {
        this.request = request;
        this.signer = signer;
        this.inputs = new SonicInputEvents(UUID.randomUUID().toString());
        this.activity = activity;
    }

    SonicInputEvents inputs() {
        return inputs;
    }

    /** @return whether the closing events were queued: nothing more can be written */
    boolean closed() {
        return closed;
    }

    /** @return the open audio content's name, or null */
    String audioContent() {
        return audioContent;
    }

    /** @param name the audio content now open, or null once it is closed */
    void audioContent(String name) {
        this.audioContent = name;
    }

    /**
     * Queues events, written in this order after those queued before.
     *
     * @param events the encoded input events
     * @param done completed once the last one is written, failed when the stream fails first; may be null
     */
    void write(List<Buffer> events, Promise<Void> done) {
        if (closed) {
            if (done != null) {
                done.tryFail(new StreamInterruptedException("The speech session is closing: nothing more can be sent"));
            }
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            queue.add(new Outgoing(events.get(i), false, i == events.size() - 1 ? done : null));
        }
        pump();
    }

    /**
     * Queues the closing events (open audio content, prompt, session), then ends the request body.
     *
     * @param done completed once the body is ended; may be null
     */
    void close(Promise<Void> done) {
        if (closed) {
            if (done != null) {
                done.tryComplete();
            }
            return;
        }
        List<Buffer> closing = new ArrayList<>();
        if (audioContent != null) {
            closing.add(inputs.contentEnd(audioContent));
            audioContent = null;
        }
        closing.add(inputs.promptEnd());
        closing.add(inputs.sessionEnd());
        write(closing, null);
        closed = true;
        queue.add(new Outgoing(null, true, done));
        pump();
    }

    private void pump() {
        while (!queue.isEmpty()) {
            if (request.writeQueueFull()) {
                request.drainHandler(ignored -> pump());
                return;
            }
            Outgoing next = queue.poll();
            Buffer frame = next.last() ? signer.end() : signer.sign(next.event());
            activity.touch();
            Future<Void> written = next.last() ? request.end(frame) : request.write(frame);
            if (next.done() != null) {
                written.onComplete(next.done());
            }
        }
    }

    /**
     * Ends the session at once: resets the HTTP/2 stream; the events fail with {@code reason}, or complete when it is
     * null.
     */
    void reset(BedrockException reason) {
        if (terminal == null) {
            terminal = reason;
        }
        StreamInterruptedException over = new StreamInterruptedException("The speech session is over");
        queue.forEach(o -> {
            if (o.done() != null) {
                o.done().tryFail(over);
            }
        });
        queue.clear();
        closed = true;
        request.reset();
    }

    /** @return the request id of the answer, once its headers arrived; may be null */
    String requestId() {
        return requestId;
    }

    /** @return the events of this service session: completes when the service ends its answer */
    Multi<SpeechEvent> events() {
        EventStreamDecoder decoder = new EventStreamDecoder();
        return Uni.createFrom().completionStage(() -> request.response().toCompletionStage())
                .onItem().transformToMulti(this::body)
                .onItem().invoke(b -> activity.touch())
                .onItem().transformToIterable(chunk -> decode(decoder, chunk))
                .onCompletion().invoke(decoder::complete)
                .onFailure().transform(this::failure);
    }

    private Multi<Buffer> body(HttpClientResponse response) {
        requestId = response.getHeader("x-amzn-RequestId");
        io.vertx.mutiny.core.http.HttpClientResponse mutiny = io.vertx.mutiny.core.http.HttpClientResponse
                .newInstance(response);
        if (response.statusCode() / 100 != 2) {
            return mutiny.body().onItem().<Buffer> transformToMulti(b -> {
                throw ServiceErrors.fromResponse(response.statusCode(), response::getHeader, b.getBytes());
            });
        }
        return mutiny.toMulti().map(io.vertx.mutiny.core.buffer.Buffer::getDelegate)
                .onCancellation().invoke(() -> {
                    // the reset fails the response: that failure must not reach a subscriber that already left
                    response.exceptionHandler(ignored -> {
                    });
                    request.reset();
                });
    }

    private List<SpeechEvent> decode(EventStreamDecoder decoder, Buffer chunk) {
        List<SpeechEvent> out = new ArrayList<>();
        for (EventStreamMessage m : decoder.feed(chunk)) {
            if (!"event".equals(m.messageType())) {
                BedrockServiceException e = StreamErrors.fromMessage(m, requestId);
                throw e instanceof ModelTimeoutException
                        ? new SpeechSessionTimeoutException("The service ended the speech session: " + e.getMessage()
                                + " (its limit is 8 minutes; enable rollover with rolloverBefore to go on)", requestId)
                        : e;
            }
            if ("chunk".equals(m.eventType())) {
                SonicOutputEvents.parse(m, requestId).ifPresent(out::add);
            }
        }
        return out;
    }

    private Throwable failure(Throwable t) {
        if (terminal != null) {
            return terminal;
        }
        if (t instanceof BedrockException) {
            return t;
        }
        return new StreamInterruptedException("The speech stream dropped"
                + (requestId == null ? "" : " (request id " + requestId + ")") + ": " + t, t);
    }

    /** Told of every byte written or read, for the idle timeout. */
    interface Activity {
        void touch();
    }
}
