package io.quarkiverse.bedrock.runtime.resilience;

/**
 * The retry quota of a client, a token bucket as in the AWS SDK's standard retry strategy: each retry takes tokens
 * (more after a timeout), a success gives back what its retries took (or one token when it needed none). An empty
 * bucket means the endpoint fails a lot: requests then get one attempt until successes refill it.
 */
public final class RetryQuota {

    /** Tokens a retry after a transient failure or a throttle costs. */
    public static final int RETRY_COST = 5;
    /** Tokens a retry after a timeout costs. */
    public static final int TIMEOUT_COST = 10;

    private final int capacity;
    private int tokens;

    /** @param capacity the bucket's size, full at the start */
    public RetryQuota(int capacity) {
        this.capacity = capacity;
        this.tokens = capacity;
    }

    /**
     * @param kind the failure to retry
     * @return the tokens taken, or 0 when the bucket does not hold enough (no retry then)
     */
    public synchronized int acquire(FailureKind kind) {
        int cost = kind == FailureKind.TIMEOUT ? TIMEOUT_COST : RETRY_COST;
        if (tokens < cost) {
            return 0;
        }
        tokens -= cost;
        return cost;
    }

    /** @param taken what the retries of a request that then succeeded took (0 when it needed none) */
    public synchronized void succeeded(int taken) {
        tokens = Math.min(capacity, tokens + Math.max(1, taken));
    }

    /** @return the tokens left */
    public synchronized int available() {
        return tokens;
    }
}
