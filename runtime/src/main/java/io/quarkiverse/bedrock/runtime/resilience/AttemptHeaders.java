package io.quarkiverse.bedrock.runtime.resilience;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The headers that tell the attempts of one call apart, as the AWS SDKs send them: {@code amz-sdk-invocation-id}, the
 * same for every attempt of the call, and {@code amz-sdk-request: attempt=N; max=M}. They are signed, so two attempts
 * within the same second (one {@code X-Amz-Date}) never carry the same signature. One instance per call; thread-safe.
 */
public final class AttemptHeaders {

    /** The header naming the call. */
    public static final String INVOCATION_ID = "amz-sdk-invocation-id";
    /** The header numbering the attempt. */
    public static final String REQUEST = "amz-sdk-request";

    private final String invocationId = UUID.randomUUID().toString();
    private final AtomicInteger attempts = new AtomicInteger();
    private final int maxAttempts;

    /** @param maxAttempts the most attempts the call may take, the first included */
    public AttemptHeaders(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** @return the headers of the next attempt */
    public Map<String, String> next() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(INVOCATION_ID, invocationId);
        headers.put(REQUEST, "attempt=" + attempts.incrementAndGet() + "; max=" + maxAttempts);
        return headers;
    }
}
