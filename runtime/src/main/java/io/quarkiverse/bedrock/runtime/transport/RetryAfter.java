package io.quarkiverse.bedrock.runtime.transport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads how long a service asked the client to wait before it retries. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param amzRetryAfter {@code x-amz-retry-after}: milliseconds, may be null
     * @param retryAfter {@code Retry-After}: seconds or an HTTP date, may be null
     * @return the wait, or null when neither header holds a usable value
     */
    public static Duration parse(String amzRetryAfter, String retryAfter) {
        if (amzRetryAfter != null) {
            try {
                long millis = Long.parseLong(amzRetryAfter.trim());
                if (millis >= 0) {
                    return Duration.ofMillis(millis);
                }
            } catch (NumberFormatException e) {
                // not a number: try Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
