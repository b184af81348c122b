package io.quarkiverse.bedrock.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads the emulator's settings written as text, shared by the command line ({@code --tokens 5}), the test resource's
 * init arguments and Dev Services ({@code tokens=5}). Messages name the setting as the caller spells it.
 */
final class EmulatorSettings {

    /** The setting names, as keys ({@code strict}) and, with {@code --}, as flags. */
    static final List<String> NAMES = List.of("strict", "auth", "tokens", "fault", "first-byte-delay",
            "inter-token-delay", "retry-after", "catalog", "replay-dir", "async-output-dir");

    private EmulatorSettings() {
    }

    /**
     * @param options the options to change
     * @param key a name of {@link #NAMES}
     * @param value its value
     * @param label how the caller names it in messages, e.g. {@code --tokens} or {@code tokens}
     * @return the changed options
     * @throws IllegalArgumentException naming the label, when the key is unknown or the value unusable
     */
    static EmulatorOptions apply(EmulatorOptions options, String key, String value, String label) {
        return switch (key) {
            case "strict" -> options.withStrict(bool(label, value));
            case "auth" -> options.withVerifySignatures(bool(label, value));
            case "tokens" -> options.withTokens(positive(label, value));
            case "fault" -> options.withFault(value.isBlank() || value.trim().equalsIgnoreCase("none") ? null
                    : fault(label, value));
            case "first-byte-delay" -> options.withFirstByteDelay(duration(label, value));
            case "inter-token-delay" -> options.withInterTokenDelay(duration(label, value));
            case "retry-after" -> options.withRetryAfter(duration(label, value));
            case "catalog" -> options.withCatalogFile(file(label, value));
            case "replay-dir" -> options.withReplayDirectory(directory(label, value));
            case "async-output-dir" -> options.withAsyncOutputDirectory(directory(label, value));
            default -> throw new IllegalArgumentException("Unknown emulator setting '" + label + "'; use one of: "
                    + String.join(", ", NAMES));
        };
    }

    /** Same, naming the setting by its key. */
    static EmulatorOptions apply(EmulatorOptions options, String key, String value) {
        return apply(options, key, value, key);
    }

    static boolean bool(String label, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(label + " needs true or false, got '" + value + "'");
    }

    static int positive(String label, String value) {
        int n = integer(label, value);
        if (n < 1) {
            throw new IllegalArgumentException(label + " must be at least 1, got " + value);
        }
        return n;
    }

    static int integer(String label, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " needs a whole number, got '" + value + "'");
        }
    }

    /** Milliseconds, written {@code 5}, {@code 5ms} or {@code 2s}: the emulator's timers have millisecond precision. */
    static Duration duration(String label, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("ms")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
            factor = 1000;
        }
        long amount;
        try {
            amount = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " needs a duration such as 5ms or 2s, got '" + value + "'");
        }
        if (amount < 0) {
            throw new IllegalArgumentException(label + " cannot be negative, got " + value);
        }
        return Duration.ofMillis(amount * factor);
    }

    private static Fault fault(String label, String value) {
        try {
            return Fault.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage());
        }
    }

    private static Path file(String label, String value) {
        Path file = Path.of(value.trim());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(label + ": no file at " + file.toAbsolutePath());
        }
        return file;
    }

    private static Path directory(String label, String value) {
        Path dir = Path.of(value.trim());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(label + ": no directory at " + dir.toAbsolutePath());
        }
        return dir;
    }
}
