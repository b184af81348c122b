package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The {@code X-Amz-Date} written without a formatter is the formatter's text, whatever the instant. */
class SigV4DateTest {

    private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void amzDateIsTheFormattersText() {
        Random random = new Random(18);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), random.nextInt(1_000_000_000));
            assertThat(SigV4.amzDate(t)).as("%s", t).isEqualTo(FORMATTER.format(t));
        }
        for (String edge : new String[] { "1970-01-01T00:00:00Z", "2026-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
                "0999-12-31T23:59:59Z", "1000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z" }) {
            Instant t = Instant.parse(edge);
            assertThat(SigV4.amzDate(t)).as(edge).isEqualTo(FORMATTER.format(t));
        }
    }
}
