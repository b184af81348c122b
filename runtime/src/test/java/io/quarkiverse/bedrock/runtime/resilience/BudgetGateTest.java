package io.quarkiverse.bedrock.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.runtime.resilience.ModelBudgets.Limits;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** A call over its model's budget fails at once naming its deadline when the wait would outlast it. */
class BudgetGateTest {

    private static final String MODEL = "m.one-v1:0";

    @Test
    void aCallThatWouldWaitBeyondItsDeadlineFailsAtOnceWithoutBeingSent() {
        AtomicLong now = new AtomicLong();
        ModelBudgets budgets = new ModelBudgets(Map.of(MODEL, new Limits(OptionalLong.of(1), OptionalLong.empty())),
                now::get);
        BudgetGate gate = new BudgetGate(budgets, "quarkus.aws-bedrock.");
        AtomicInteger sent = new AtomicInteger();
        assertThat(gate.call(MODEL, new byte[8], Duration.ofSeconds(30), "timeout",
                r -> Uni.createFrom().item(sent.incrementAndGet())).await().atMost(Duration.ofSeconds(5))).isEqualTo(1);

        UniAssertSubscriber<Integer> second = gate.call(MODEL, new byte[8], Duration.ofSeconds(30), "timeout",
                r -> Uni.createFrom().item(sent.incrementAndGet())).subscribe().withSubscriber(UniAssertSubscriber.create());
        second.awaitFailure(Duration.ofSeconds(5));
        assertThat(second.getFailure()).isInstanceOf(BedrockTimeoutException.class)
                .hasMessageContaining("quarkus.aws-bedrock.timeout").hasMessageContaining("requests-per-minute = 1");
        assertThat(sent).hasValue(1);
        // the refused call gave its request back: a minute later there is room for exactly one
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(budgets.reserve(MODEL, 1).waitTime()).isZero();
        assertThat(budgets.reserve(MODEL, 1).waitTime()).isPositive();
    }

    @Test
    void aCallWithinItsDeadlineWaitsThenGoes() {
        ModelBudgets budgets = new ModelBudgets(Map.of(MODEL, new Limits(OptionalLong.of(600), OptionalLong.empty())));
        BudgetGate gate = new BudgetGate(budgets, "quarkus.aws-bedrock.");
        for (int i = 0; i < 600; i++) {
            budgets.reserve(MODEL, 1);
        }
        // 10 requests a second: the next one goes after about 100 ms
        assertThat(gate.call(MODEL, new byte[8], Duration.ofSeconds(30), "timeout", r -> Uni.createFrom().item("sent"))
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("sent");
    }
}
