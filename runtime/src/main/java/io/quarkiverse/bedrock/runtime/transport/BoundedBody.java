package io.quarkiverse.bedrock.runtime.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * Reads a response body up to a number of bytes. Past it, the request is reset instead of reading on: a 200 MB error
 * page costs {@code limit} bytes, not 200 MB on the event loop.
 */
final class BoundedBody {

    /** A body longer than the limit: declared so by its {@code Content-Length}, or seen going past it. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long declaredLength;

        TooLarge(long declaredLength) {
            super(null, null, false, false);
            this.declaredLength = declaredLength;
        }
    }

    /** A body whose connection failed before its end. */
    static final class Cut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long received;

        Cut(long received, Throwable cause) {
            super(String.valueOf(cause), cause, false, false);
            this.received = received;
        }
    }

    /**
     * What was read.
     *
     * @param bytes the body, or its first {@code limit} bytes
     * @param truncated whether the body was longer than the limit (or failed mid-way)
     */
    record Read(byte[] bytes, boolean truncated) {
    }

    private BoundedBody() {
    }

    /**
     * Reads a whole body that must not exceed {@code limit}: one whose {@code Content-Length} exceeds it is not read at
     * all, one sent without it is read until it goes past the limit. Either way the request is then reset.
     *
     * @param request the request, reset when the body is too large
     * @param response its response, paused and not read yet
     * @param limit the most bytes the body may have
     * @return the body; fails with {@link TooLarge}, or {@link Cut} when the connection failed before the body's end
     */
    static Future<Buffer> readWhole(HttpClientRequest request, HttpClientResponse response, long limit) {
        String length = response.getHeader("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
        }
        if (declared > limit) {
            response.exceptionHandler(ignored -> {
            });
            request.reset();
            return Future.failedFuture(new TooLarge(declared));
        }
        Promise<Buffer> result = Promise.promise();
        Buffer kept = Buffer.buffer((int) Math.max(0, Math.min(declared >= 0 ? declared : 4096, limit)));
        response.handler(data -> {
            if (kept.length() + (long) data.length() > limit) {
                response.handler(null);
                response.exceptionHandler(ignored -> {
                });
                if (result.tryFail(new TooLarge(-1))) {
                    request.reset();
                }
                return;
            }
            kept.appendBuffer(data);
        });
        response.exceptionHandler(failure -> result.tryFail(new Cut(kept.length(), failure)));
        response.endHandler(ignored -> result.tryComplete(kept));
        response.resume();
        return result.future();
    }

    /**
     * @param request the request, reset when the body exceeds the limit
     * @param response its response, not read yet
     * @param limit the most bytes to keep
     * @return the bytes read; never fails: a connection lost mid-body yields what arrived, marked truncated
     */
    static Future<Read> read(HttpClientRequest request, HttpClientResponse response, int limit) {
        Promise<Read> result = Promise.promise();
        Buffer kept = Buffer.buffer(Math.min(limit, 4096));
        response.handler(data -> {
            int room = limit - kept.length();
            if (data.length() <= room) {
                kept.appendBuffer(data);
                return;
            }
            kept.appendBuffer(data, 0, Math.max(0, room));
            response.handler(null);
            response.exceptionHandler(ignored -> {
            });
            if (result.tryComplete(new Read(kept.getBytes(), true))) {
                request.reset();
            }
        });
        response.exceptionHandler(failure -> result.tryComplete(new Read(kept.getBytes(), true)));
        response.endHandler(ignored -> result.tryComplete(new Read(kept.getBytes(), false)));
        response.resume();
        return result.future();
    }
}
