package io.quarkiverse.bedrock.runtime.resilience;

import java.time.Duration;
import java.util.function.Function;

import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.runtime.resilience.ModelBudgets.Reservation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Makes a call wait for its model's budgets: it starts once its request and tokens are covered, or fails at once with
 * a {@link BedrockTimeoutException} naming its deadline when they would not be within it. A caller that leaves while
 * waiting gives its reservation back.
 */
public final class BudgetGate {

    private final ModelBudgets budgets;
    private final String prefix;

    /**
     * @param budgets the client's budgets
     * @param prefix the client's property prefix, for the deadline's name
     */
    public BudgetGate(ModelBudgets budgets, String prefix) {
        this.budgets = budgets;
        this.prefix = prefix;
    }

    /**
     * @param model the model id
     * @param body the request body, for the token estimate
     * @param deadline the call's deadline
     * @param deadlineProperty its property, after the prefix
     * @param call the call, given the reservation to settle with the usage the answer reports
     * @return the call, once the budgets allow it
     */
    public <T> Uni<T> call(String model, byte[] body, Duration deadline, String deadlineProperty,
            Function<Reservation, Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Reservation r = budgets.reserve(model, ModelBudgets.estimateTokens(body));
            return waitFor(r, model, deadline, deadlineProperty).chain(() -> call.apply(r));
        });
    }

    /**
     * @param model the model id
     * @param body the request body, for the token estimate
     * @param deadline the stream's deadline
     * @param deadlineProperty its property, after the prefix
     * @param stream the stream, given the reservation to settle with the usage the answer reports
     * @return the stream, once the budgets allow it
     */
    public <T> Multi<T> stream(String model, byte[] body, Duration deadline, String deadlineProperty,
            Function<Reservation, Multi<T>> stream) {
        return Multi.createFrom().deferred(() -> {
            Reservation r = budgets.reserve(model, ModelBudgets.estimateTokens(body));
            return waitFor(r, model, deadline, deadlineProperty).onItem().transformToMulti(ignored -> stream.apply(r));
        });
    }

    private Uni<Void> waitFor(Reservation r, String model, Duration deadline, String deadlineProperty) {
        Duration wait = r.waitTime();
        if (wait.isZero()) {
            return Uni.createFrom().voidItem();
        }
        if (wait.compareTo(deadline) >= 0) {
            r.cancel();
            return Uni.createFrom().failure(new BedrockTimeoutException(prefix + deadlineProperty, deadline,
                    "The budget of " + model + " (" + r.limits() + ") has no room for this call before its deadline: "
                            + "it would wait " + wait.toMillis() + " ms"));
        }
        // a Uni of null: delayIt() of Uni.createFrom().voidItem() also emits null, chain() then runs
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait).onCancellation().invoke(r::cancel);
    }
}
