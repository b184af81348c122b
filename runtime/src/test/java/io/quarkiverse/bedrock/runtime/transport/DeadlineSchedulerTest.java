package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Cancelled deadlines are forgotten at once; an expiry runs off the scheduler's own thread. */
class DeadlineSchedulerTest {

    @Test
    void aCancelledDeadlineLeavesTheQueueAtOnce() {
        DeadlineScheduler scheduler = new DeadlineScheduler();
        try {
            List<ScheduledFuture<?>> deadlines = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                deadlines.add(scheduler.schedule(() -> {
                }, 15, TimeUnit.MINUTES));
            }
            assertThat(scheduler.getQueue()).hasSize(1_000);
            deadlines.forEach(d -> d.cancel(false));
            assertThat(scheduler.getQueue()).isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void anExpiryIsHandedToTheExecutorNotRunOnTheTimerThread() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "expiries"));
        DeadlineScheduler scheduler = new DeadlineScheduler(executor);
        try {
            CompletableFuture<String> thread = new CompletableFuture<>();
            Runnable expiry = () -> thread.complete(Thread.currentThread().getName());
            scheduler.schedule(expiry, 1, TimeUnit.MILLISECONDS);
            assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("expiries");
        } finally {
            scheduler.shutdownNow();
            executor.shutdownNow();
        }
    }
}
