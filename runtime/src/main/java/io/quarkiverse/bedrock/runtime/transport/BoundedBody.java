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
