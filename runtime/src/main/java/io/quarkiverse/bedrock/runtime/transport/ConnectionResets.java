package io.quarkiverse.bedrock.runtime.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.util.IllegalReferenceCountException;
import io.vertx.core.http.GoAway;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Counts the HTTP/2 stream resets (RST_STREAM frames) each connection of a client sends and receives, and retires a
 * connection once either count reaches {@link #RESETS_PER_CONNECTION}: it sends GOAWAY, so the pool opens no new
 * stream on it, and the streams under way finish.
 * <p>
 * Both ends of a connection guard against the HTTP/2 "rapid reset" attack by closing a connection that carries too
 * many resets (Netty: more than 200 in 30 s, received or sent), and that close fails every healthy stream on it. The
 * guard is on at the server (AWS's front ends, the emulator) and, in Vert.x 4.5 whose client builder leaves Netty
 * believing it builds a server, in our own client too. A caller cancelling streams is no attack, yet each cancel
 * sends a reset, and every data frame the server had already sent for that stream draws a further reset
 * ({@code STREAM_CLOSED}) from Netty. A connection is therefore handed over to a fresh one well before any such limit:
 * after {@link #RESETS_PER_CONNECTION} resets, plus those of the at most {@link #MAX_STREAMS_PER_CONNECTION} streams
 * still under way when it retires.
 * <p>
 * Those can be many: a Vert.x server (the emulator is one) that received the retiring connection's GOAWAY does not act
 * on the resets that follow, and keeps sending the whole answer of a stream cancelled after it; every data frame of it
 * then draws a {@code STREAM_CLOSED} reset, which Netty's guard counts. In {@code Http2ChurnTest} (a third of the
 * streams cancelled, eight frames each) a connection sent up to 175 of them with 50 streams per connection, one run in
 * a few went over 200 and failed healthy streams; with 25, at most 67-109 in five runs.
 */
final class ConnectionResets {

    /** Resets sent, or received, on one connection before it is retired. */
    static final int RESETS_PER_CONNECTION = 32;

    /** Streams a connection carries at once (fewer if the server says so): bounds the resets after retirement. */
    static final int MAX_STREAMS_PER_CONNECTION = 25;

    /**
     * How long a retired connection waits for its streams to end before it closes. Every stream has its own
     * deadline ({@code stream-timeout}), so this only bounds a stream nobody reads.
     */
    private static final Duration RETIRED_GRACE = Duration.ofHours(24);

    private static final int RST_STREAM_FRAME_LENGTH = 9 + 4;
    private static final byte RST_STREAM = 0x3;

    /** Connections retired so far, for tests and benchmarks. */
    private final AtomicInteger retired = new AtomicInteger();

    /** The counters of the open HTTP/2 connections. */
    private final Map<HttpConnection, Counter> counters = new ConcurrentHashMap<>();

    /**
     * Starts counting the resets of an HTTP/2 connection the client just opened; a connection that is not backed by
     * a Netty HTTP/2 handler (none known today) is left as it is.
     *
     * @param connection the connection
     */
    void opened(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        Channel channel = base.channel();
        channel.eventLoop().execute(() -> {
            ChannelHandlerContext http2 = channel.pipeline().context(Http2ConnectionHandler.class);
            if (http2 == null) {
                return;
            }
            Counter counter = new Counter(connection);
            counters.put(connection, counter);
            connection.closeHandler(ignored -> counters.remove(connection));
            Http2ConnectionDecoder decoder = ((Http2ConnectionHandler) http2.handler()).decoder();
            decoder.frameListener(new Http2FrameListenerDecorator(decoder.frameListener()) {
                @Override
                public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode)
                        throws Http2Exception {
                    counter.received();
                    super.onRstStreamRead(ctx, streamId, errorCode);
                }
            });
            channel.pipeline().addBefore(http2.name(), "bedrock-sent-resets", new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                    if (msg instanceof ByteBuf bytes && isResetFrame(bytes)) {
                        counter.sent();
                    }
                    super.write(ctx, msg, promise);
                }
            });
        });
    }

    /**
     * Netty writes a RST_STREAM frame as one buffer of its own: 13 bytes, a length of 4 and type 3. Another buffer
     * of that shape (a 13-byte slice of a body) would only make the connection retire a little earlier.
     */
    private static boolean isResetFrame(ByteBuf bytes) {
        int at = bytes.readerIndex();
        return bytes.readableBytes() == RST_STREAM_FRAME_LENGTH && bytes.getMedium(at) == 4
                && bytes.getByte(at + 3) == RST_STREAM;
    }

    /**
     * Cancels the request: an HTTP/2 stream is reset with {@code CANCEL} ("no longer needed"), an HTTP/1.1
     * connection closed.
     *
     * @param request a request of this client
     */
    static void cancel(HttpClientRequest request) {
        request.reset(Http2Error.CANCEL.code());
    }

    /**
     * @param request a request whose HTTP/2 stream failed before its answer's headers
     * @param failure the failure
     * @param host the endpoint's host, for the message
     * @return a {@link RefusedStreamException} when the server refused the stream unprocessed, else the failure
     */
    Throwable refusal(HttpClientRequest request, Throwable failure, String host) {
        if (failure instanceof StreamResetException reset && reset.getCode() == Http2Error.REFUSED_STREAM.code()) {
            return new RefusedStreamException("Stream refused unprocessed by " + host + " (REFUSED_STREAM)", failure);
        }
        // a GOAWAY this client sent (retiring the connection) also closes streams with an HttpClosedException:
        // only the server's, whose last stream is below this one, says the stream was never processed
        GoAway goAway = failure instanceof HttpClosedException closed ? goAwayOf(closed) : null;
        if (goAway != null && request.streamId() > goAway.getLastStreamId() && !retiredHere(request.connection())) {
            return new RefusedStreamException("Stream refused unprocessed by " + host + " (GOAWAY, last stream "
                    + goAway.getLastStreamId() + ")", failure);
        }
        return failure;
    }

    /**
     * @return the GOAWAY that closed the stream, or null: also when it can no longer be read (Vert.x copies its debug
     *         data at each {@code goAway()}, from a Netty buffer released once the close was handled)
     */
    static GoAway goAwayOf(HttpClosedException closed) {
        try {
            return closed.goAway();
        } catch (IllegalReferenceCountException e) {
            return null;
        }
    }

    private boolean retiredHere(HttpConnection connection) {
        Counter counter = connection == null ? null : counters.get(connection);
        return counter == null || counter.retiring.get();
    }

    /** @return how many connections were retired for their resets */
    int retired() {
        return retired.get();
    }

    /** The resets of one connection; touched on its event loop only. */
    private final class Counter {
        private final HttpConnection connection;
        private final AtomicBoolean retiring = new AtomicBoolean();
        private int sent;
        private int received;

        Counter(HttpConnection connection) {
            this.connection = connection;
        }

        void sent() {
            if (++sent >= RESETS_PER_CONNECTION) {
                retire();
            }
        }

        void received() {
            if (++received >= RESETS_PER_CONNECTION) {
                retire();
            }
        }

        private void retire() {
            if (retiring.compareAndSet(false, true)) {
                retired.incrementAndGet();
                // not from inside the frame being written or read
                ((ConnectionBase) connection).channel().eventLoop().execute(
                        () -> connection.shutdown(RETIRED_GRACE.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }
}
