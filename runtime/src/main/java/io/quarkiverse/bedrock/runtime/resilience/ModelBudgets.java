package io.quarkiverse.bedrock.runtime.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.config.BudgetConfig;

/**
 * Client-side requests-per-minute and tokens-per-minute budgets, per model: each a bucket that holds a minute's worth and
 * refills continuously. A call takes one request and its estimated tokens when it starts; when the bucket does not hold
 * them yet, the call waits until it will (later callers queue behind it). The estimate is corrected once the answer
 * reports its usage. Models without a budget are not limited. Thread-safe.
 */
public final class ModelBudgets {

    /** Tokens per character of a request body, for the estimate: four characters make a token. */
    static final int CHARS_PER_TOKEN = 4;

    /**
     * The budgets of one model.
     *
     * @param requestsPerMinute requests per minute, if limited
     * @param tokensPerMinute tokens per minute (input and output), if limited
     */
    public record Limits(OptionalLong requestsPerMinute, OptionalLong tokensPerMinute) {
    }

    private static final ModelBudgets NONE = new ModelBudgets(Map.of());

    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    /** @param limits the budgets per model id */
    public ModelBudgets(Map<String, Limits> limits) {
        this(limits, System::nanoTime);
    }

    ModelBudgets(Map<String, Limits> limits, LongSupplier nanoTime) {
        limits.forEach((model, l) -> {
            if (l.requestsPerMinute().isPresent() || l.tokensPerMinute().isPresent()) {
                budgets.put(model, new Budget(bucket(l.requestsPerMinute(), nanoTime),
                        bucket(l.tokensPerMinute(), nanoTime), l));
            }
        });
    }

    /**
     * @param config the budgets per model id, as configured
     * @param prefix the client's property prefix, for errors
     * @return the budgets
     * @throws BedrockConfigurationException naming the property when a budget is not positive
     */
    public static ModelBudgets of(Map<String, BudgetConfig> config, String prefix) {
        Map<String, Limits> limits = new HashMap<>();
        config.forEach((model, budget) -> {
            positive(prefix + "budgets.\"" + model + "\".requests-per-minute", budget.requestsPerMinute());
            positive(prefix + "budgets.\"" + model + "\".tokens-per-minute", budget.tokensPerMinute());
            limits.put(model, new Limits(budget.requestsPerMinute(), budget.tokensPerMinute()));
        });
        return limits.isEmpty() ? NONE : new ModelBudgets(limits);
    }

    private static void positive(String property, OptionalLong value) {
        if (value.isPresent() && value.getAsLong() <= 0) {
            throw new BedrockConfigurationException(property + " = " + value.getAsLong()
                    + " must be positive: leave it unset for no limit");
        }
    }

    /** @return budgets that limit nothing */
    public static ModelBudgets none() {
        return NONE;
    }

    private static Bucket bucket(OptionalLong perMinute, LongSupplier nanoTime) {
        return perMinute.isPresent() ? new Bucket(perMinute.getAsLong(), nanoTime) : null;
    }

    /**
     * @param body a request body
     * @return its estimated tokens: one per {@value #CHARS_PER_TOKEN} bytes, rounded up
     */
    public static long estimateTokens(byte[] body) {
        return (body.length + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /**
     * Takes a request and {@code tokens} from the model's budgets.
     *
     * @param model the model id
     * @param tokens the request's estimated tokens
     * @return the reservation: how long to wait before sending, and how to correct or give it back
     */
    public Reservation reserve(String model, long tokens) {
        Budget budget = budgets.get(model);
        if (budget == null) {
            return Reservation.FREE;
        }
        return budget.reserve(tokens);
    }

    /** A request and its tokens taken from a model's budgets. */
    public static class Reservation {

        static final Reservation FREE = new Reservation(null, 0, Duration.ZERO, "");

        private final Budget budget;
        private final long tokens;
        private final Duration wait;
        private final String limits;
        private boolean settled;

        Reservation(Budget budget, long tokens, Duration wait, String limits) {
            this.budget = budget;
            this.tokens = tokens;
            this.wait = wait;
            this.limits = limits;
        }

        /** @return how long the caller waits before it sends */
        public Duration waitTime() {
            return wait;
        }

        /** @return the budgets that apply, e.g. {@code requests-per-minute = 60}, for messages */
        public String limits() {
            return limits;
        }

        /** @param actualTokens the tokens the answer reported (input and output): corrects the estimate */
        public void settle(long actualTokens) {
            synchronized (this) {
                if (settled || budget == null) {
                    return;
                }
                settled = true;
            }
            if (budget.tokens != null) {
                budget.tokens.giveBack(tokens - actualTokens);
            }
        }

        /** The call was not sent (its deadline came first, or its caller left): gives the request and tokens back. */
        public void cancel() {
            synchronized (this) {
                if (settled || budget == null) {
                    return;
                }
                settled = true;
            }
            if (budget.requests != null) {
                budget.requests.giveBack(1);
            }
            if (budget.tokens != null) {
                budget.tokens.giveBack(tokens);
            }
        }
    }

    private static final class Budget {
        final Bucket requests;
        final Bucket tokens;
        final String limits;

        Budget(Bucket requests, Bucket tokens, Limits l) {
            this.requests = requests;
            this.tokens = tokens;
            StringBuilder s = new StringBuilder();
            l.requestsPerMinute().ifPresent(r -> s.append("requests-per-minute = ").append(r));
            l.tokensPerMinute().ifPresent(t -> s.append(s.isEmpty() ? "" : ", ").append("tokens-per-minute = ").append(t));
            this.limits = s.toString();
        }

        Reservation reserve(long estimate) {
            long waitNanos = 0;
            if (requests != null) {
                waitNanos = Math.max(waitNanos, requests.take(1));
            }
            if (tokens != null) {
                waitNanos = Math.max(waitNanos, tokens.take(estimate));
            }
            return new Reservation(this, estimate, Duration.ofNanos(waitNanos), limits);
        }
    }

    /** A minute's worth of units, refilled continuously; may go below zero, the debt of the callers waiting. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private final LongSupplier nanoTime;
        private double available;
        private long last;

        Bucket(long perMinute, LongSupplier nanoTime) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.nanoTime = nanoTime;
            this.available = perMinute;
            this.last = nanoTime.getAsLong();
        }

        /** @return the nanoseconds until the units taken are covered */
        synchronized long take(long units) {
            refill();
            available -= units;
            return available >= 0 ? 0 : (long) Math.ceil(-available / perNano);
        }

        synchronized void giveBack(long units) {
            refill();
            available = Math.min(capacity, available + units);
        }

        private void refill() {
            long now = nanoTime.getAsLong();
            available = Math.min(capacity, available + (now - last) * perNano);
            last = now;
        }
    }
}
