package io.quarkiverse.bedrock.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.runtime.resilience.ModelBudgets.Limits;
import io.quarkiverse.bedrock.runtime.resilience.ModelBudgets.Reservation;

/** Requests- and tokens-per-minute budgets on a clock the test moves. */
class ModelBudgetsTest {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private ModelBudgets budgets(Long rpm, Long tpm) {
        return new ModelBudgets(Map.of(MODEL, new Limits(
                rpm == null ? OptionalLong.empty() : OptionalLong.of(rpm),
                tpm == null ? OptionalLong.empty() : OptionalLong.of(tpm))), now::get);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aMinutesRequestsGoAtOnceAndTheNextWaitsForItsShareOfTheMinute() {
        ModelBudgets b = budgets(60L, null);
        for (int i = 0; i < 60; i++) {
            assertThat(b.reserve(MODEL, 10).waitTime()).isZero();
        }
        assertThat(b.reserve(MODEL, 10).waitTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.reserve(MODEL, 10).waitTime()).as("queued behind the previous one").isEqualTo(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(2));
        assertThat(b.reserve(MODEL, 10).waitTime()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tokensBeyondTheMinutesBudgetWaitForTheRefill() {
        ModelBudgets b = budgets(null, 6_000L); // 100 tokens a second
        assertThat(b.reserve(MODEL, 5_000).waitTime()).isZero();
        assertThat(b.reserve(MODEL, 1_500).waitTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theUsageTheAnswerReportsReplacesTheEstimate() {
        ModelBudgets b = budgets(null, 6_000L);
        Reservation first = b.reserve(MODEL, 5_000);
        first.settle(1_000); // the answer used far less: 4,000 tokens come back
        assertThat(b.reserve(MODEL, 5_000).waitTime()).isZero();
        Reservation third = b.reserve(MODEL, 100);
        assertThat(third.waitTime()).isEqualTo(Duration.ofSeconds(1));
        third.settle(700); // more than estimated: the next caller waits for it
        assertThat(b.reserve(MODEL, 100).waitTime()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aCancelledReservationGivesItsRequestAndTokensBack() {
        ModelBudgets b = budgets(1L, 1_000L);
        Reservation taken = b.reserve(MODEL, 1_000);
        Reservation waiting = b.reserve(MODEL, 1_000);
        assertThat(waiting.waitTime()).isEqualTo(Duration.ofMinutes(1));
        waiting.cancel();
        waiting.cancel(); // once only
        taken.settle(1_000);
        advance(Duration.ofMinutes(1));
        assertThat(b.reserve(MODEL, 1_000).waitTime()).isZero();
    }

    @Test
    void theBucketHoldsNoMoreThanAMinuteAfterAnIdleHour() {
        ModelBudgets b = budgets(10L, null);
        advance(Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            assertThat(b.reserve(MODEL, 1).waitTime()).isZero();
        }
        assertThat(b.reserve(MODEL, 1).waitTime()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void modelsWithoutABudgetAreNotLimited() {
        ModelBudgets b = budgets(1L, 1L);
        for (int i = 0; i < 100; i++) {
            assertThat(b.reserve("cohere.command-r-v1:0", 1_000_000).waitTime()).isZero();
        }
    }

    @Test
    void theEstimateIsOneTokenPerFourBytesRoundedUp() {
        assertThat(ModelBudgets.estimateTokens(new byte[0])).isZero();
        assertThat(ModelBudgets.estimateTokens(new byte[4])).isEqualTo(1);
        assertThat(ModelBudgets.estimateTokens(new byte[401])).isEqualTo(101);
    }
}
