package io.quarkiverse.bedrock.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Sends an answer on the wire: waits the first-byte delay, then writes each frame in its own flushed write, spaced by
 * the inter-token delay, and injects the chosen fault. A stream waits whenever the socket's write queue is full, so a
 * client that stops reading stops the emulator too; what happens is counted in {@link StreamStats}.
 */
final class ResponsePlayer {

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final StreamStats stats;
    private final StreamTimings timings;
    /** Size of the writes of {@link Fault#TRICKLE}: small enough to split every frame prelude and header. */
    static final int TRICKLE_BYTES = 5;
    private static final Duration TRICKLE_PAUSE = Duration.ofMillis(1);

    private boolean closeAfterAnswer;
    /** Set once the stream ended, from either side; event-loop confined like the rest of this answer. */
    private boolean finished;
    private boolean paused;

    ResponsePlayer(Vertx vertx, HttpServerRequest request, StreamStats stats, StreamTimings timings) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.stats = stats;
        this.timings = timings;
    }

    /**
     * @param headers response headers
     * @param frames the frames (or recorded network reads), one write each
     * @param fault the fault to inject, or null
     * @param firstByte delay before the answer starts
     * @param between delay between two writes
     * @param firstTextFrame index of the frame carrying the first text delta, whose write time is recorded in the
     *        {@link StreamTimings}; -1 for none
     */
    void stream(Map<String, String> headers, List<Buffer> frames, Fault fault, Duration firstByte, Duration between,
            int firstTextFrame) {
        if (fault == Fault.TRICKLE) {
            stream(headers, slices(frames), null, firstByte, TRICKLE_PAUSE.compareTo(between) > 0 ? TRICKLE_PAUSE : between,
                    -1);
            return;
        }
        if (fault == Fault.CLOSE_AFTER_ANSWER) {
            closeAfterAnswer = true;
            fault = null;
        }
        Fault chosen = fault;
        after(firstByte, () -> {
            if (response.closed()) {
                return;
            }
            response.setStatusCode(200).setChunked(true);
            headers.forEach(response::putHeader);
            stats.onStart();
            response.closeHandler(v -> {
                if (!finished) {
                    finished = true;
                    resumed();
                    stats.onClosedEarly();
                }
            });
            int faultAt = chosen == null ? -1 : Math.max(1, frames.size() / 2);
            Timed timed = new Timed(headers.get("x-amzn-RequestId"), firstTextFrame);
            write(frames, 0, faultAt, chosen, between, timed);
        });
    }

    /** Which writes of a stream get their time recorded. */
    private record Timed(String requestId, int firstTextFrame) {
    }

    /** Writes from {@code from} on; waits for the socket to drain when its write queue is full (a slow reader). */
    private void write(List<Buffer> frames, int from, int faultAt, Fault fault, Duration between, Timed timed) {
        int i = from;
        while (i < frames.size()) {
            if (finished || response.closed() || response.ended()) {
                return;
            }
            if (i == faultAt && strike(frames.get(i), fault)) {
                return;
            }
            if (response.writeQueueFull()) {
                int next = i;
                paused = true;
                stats.onPause();
                response.drainHandler(v -> {
                    response.drainHandler(null);
                    resumed();
                    write(frames, next, faultAt, fault, between, timed);
                });
                return;
            }
            Buffer frame = i == faultAt && fault == Fault.CORRUPT_CRC ? Frames.corruptCrc(frames.get(i)) : frames.get(i);
            if (i == 0 || i == timed.firstTextFrame()) {
                // stamped once the bytes went to the socket: a write inside a read batch is only flushed at its end
                boolean first = i == 0;
                boolean text = i == timed.firstTextFrame();
                response.write(frame).onSuccess(done -> {
                    long now = System.nanoTime();
                    if (first) {
                        timings.firstEvent(timed.requestId(), now);
                    }
                    if (text) {
                        timings.firstText(timed.requestId(), now);
                    }
                });
            } else {
                response.write(frame);
            }
            stats.onFrame();
            i++;
            if (!between.isZero() && i < frames.size()) {
                int next = i;
                vertx.setTimer(between.toMillis() == 0 ? 1 : between.toMillis(),
                        t -> write(frames, next, faultAt, fault, between, timed));
                return;
            }
        }
        end(null);
    }

    private void resumed() {
        if (paused) {
            paused = false;
            stats.onResume();
        }
    }

    /** Ends the stream from this side, with a last frame or none. */
    private void end(Buffer last) {
        if (finished || response.closed() || response.ended()) {
            return;
        }
        finished = true;
        var ended = last == null ? response.end() : response.end(last);
        if (closeAfterAnswer) {
            ended.onComplete(done -> request.connection().close());
        }
        stats.onComplete();
    }

    /** @return true when the fault ends the stream here */
    private boolean strike(Buffer frame, Fault fault) {
        if (fault.isExceptionEvent()) {
            end(StreamExceptions.frame(fault));
            return true;
        }
        switch (fault) {
            case TRUNCATE:
                end(null);
                return true;
            case DROP_MID_FRAME:
                finished = true;
                response.write(frame.slice(0, Math.max(1, frame.length() / 2)).copy())
                        .onComplete(done -> request.connection().close());
                return true;
            case STALL:
                return true;
            default:
                return false;
        }
    }

    /**
     * @param status HTTP status
     * @param headers response headers
     * @param body the body
     * @param fault {@link Fault#DROP_MID_FRAME} or {@link Fault#STALL} to cut the answer, {@link Fault#TRICKLE} to send
     *        it a few bytes at a time, {@link Fault#CLOSE_AFTER_ANSWER} to close the connection after it, else null
     * @param delay delay before the answer
     */
    void body(int status, Map<String, String> headers, Buffer body, Fault fault, Duration delay) {
        after(delay, () -> {
            if (response.closed()) {
                return;
            }
            response.setStatusCode(status);
            headers.forEach(response::putHeader);
            if (fault == Fault.STALL) {
                return;
            }
            if (fault == Fault.DROP_MID_FRAME) {
                response.putHeader("Content-Length", Integer.toString(body.length()));
                response.write(body.slice(0, body.length() / 2).copy())
                        .onComplete(done -> request.connection().close());
                return;
            }
            if (fault == Fault.TRICKLE) {
                response.putHeader("Content-Length", Integer.toString(body.length()));
                trickle(slices(List.of(body)), 0);
                return;
            }
            var ended = response.end(body);
            if (fault == Fault.CLOSE_AFTER_ANSWER) {
                ended.onComplete(done -> request.connection().close());
            }
        });
    }

    private void trickle(List<Buffer> pieces, int from) {
        if (response.closed()) {
            return;
        }
        if (from == pieces.size() - 1) {
            response.end(pieces.get(from));
            return;
        }
        response.write(pieces.get(from));
        vertx.setTimer(TRICKLE_PAUSE.toMillis(), t -> trickle(pieces, from + 1));
    }

    /** @return the bytes of every buffer, cut into {@value #TRICKLE_BYTES}-byte pieces across buffer boundaries */
    static List<Buffer> slices(List<Buffer> buffers) {
        Buffer all = Buffer.buffer();
        buffers.forEach(all::appendBuffer);
        List<Buffer> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.length(); i += TRICKLE_BYTES) {
            out.add(all.slice(i, Math.min(all.length(), i + TRICKLE_BYTES)).copy());
        }
        if (out.isEmpty()) {
            out.add(Buffer.buffer());
        }
        return out;
    }

    private void after(Duration delay, Runnable action) {
        if (delay.isZero()) {
            action.run();
        } else {
            vertx.setTimer(Math.max(1, delay.toMillis()), t -> action.run());
        }
    }
}
