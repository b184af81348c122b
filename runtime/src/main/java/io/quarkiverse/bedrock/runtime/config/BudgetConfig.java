package io.quarkiverse.bedrock.runtime.config;

import java.util.OptionalLong;

import io.quarkus.runtime.annotations.ConfigGroup;

/** The client-side budgets of one model. */
@ConfigGroup
public interface BudgetConfig {

    /**
     * Requests per minute the client sends to the model. A call beyond it waits for its turn, at most until its
     * deadline (`timeout`, `stream-timeout`), then fails with a `BedrockTimeoutException`.
     */
    OptionalLong requestsPerMinute();

    /**
     * Tokens (input and output) per minute the client sends to the model. A call counts as one token per four bytes of
     * its request body until its answer reports its usage, which then replaces the estimate. A call beyond the budget
     * waits for its turn, at most until its deadline, then fails with a `BedrockTimeoutException`.
     */
    OptionalLong tokensPerMinute();
}
