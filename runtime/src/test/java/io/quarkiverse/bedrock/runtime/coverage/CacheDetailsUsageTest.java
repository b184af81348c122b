package io.quarkiverse.bedrock.runtime.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;

/** Converse {@code cacheDetails}: the tokens written to the prompt cache per TTL. */
class CacheDetailsUsageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cacheWritesAreBrokenDownPerTtl() throws Exception {
        Usage usage = ConverseFormatter.usage(JSON.readTree("""
                {"inputTokens": 12, "outputTokens": 30, "totalTokens": 3042, "cacheReadInputTokens": 0,
                 "cacheWriteInputTokens": 3000,
                 "cacheDetails": [{"ttl": "1h", "inputTokens": 2000}, {"ttl": "5m", "inputTokens": 1000}]}
                """));
        assertThat(usage.cacheWriteInputTokens()).isEqualTo(3000);
        assertThat(usage.cacheWriteInputTokensByTtl()).isEqualTo(Map.of("1h", 2000, "5m", 1000));
    }

    @Test
    void withoutDetailsTheBreakdownIsEmpty() throws Exception {
        Usage usage = ConverseFormatter.usage(JSON.readTree("{\"inputTokens\": 1, \"outputTokens\": 2}"));
        assertThat(usage.cacheWriteInputTokensByTtl()).isEmpty();
        assertThat(usage).isEqualTo(new Usage(1, 2, 3, 0, 0));
    }
}
