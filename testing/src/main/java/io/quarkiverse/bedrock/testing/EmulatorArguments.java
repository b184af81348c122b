package io.quarkiverse.bedrock.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The command line of the {@link StandaloneEmulator}.
 *
 * @param port the port to listen on, 0 for a free one
 * @param options the emulator options the flags chose
 * @param help whether {@code --help} was given
 */
record EmulatorArguments(int port, EmulatorOptions options, boolean help) {

    static final int DEFAULT_PORT = 8089;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar quarkus-bedrock-testing-<version>-standalone.jar [options]",
            "",
            "Starts the Amazon Bedrock Runtime emulator on 127.0.0.1 (HTTP/1.1 and HTTP/2 cleartext).",
            "",
            "Options:",
            "  --port <n>                 port to listen on, 0 for a free one (default " + DEFAULT_PORT + ")",
            "  --tokens <n>               text tokens per generated answer (default "
                    + EmulatorOptions.defaults().tokens() + ")",
            "  --inter-token-delay <d>    delay between two stream events, e.g. 5ms, 1s (default 0)",
            "  --first-byte-delay <d>     delay before an answer starts, e.g. 200ms (default 0)",
            "  --no-auth                  accept requests without a valid SigV4 signature or API key",
            "  --fault <name>             inject a fault into every answer: throttling, internal-error,",
            "                             service-unavailable, stream-throttling, stream-model-error,",
            "                             drop-mid-frame, corrupt-crc, stall",
            "  --replay-dir <dir>         replay reqllm fixtures from this directory when model and operation match",
            "  --help                     print this help and exit",
            "",
            "Stream timings (System.nanoTime of the first event writes) are served at GET " + StreamTimings.PATH + ".");

    /** A command line that cannot be used; the message says what to fix. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param args the command line, flags as {@code --name value} or {@code --name=value}
     * @return the parsed arguments
     * @throws UsageException naming the flag at fault
     */
    static EmulatorArguments parse(String... args) {
        int port = DEFAULT_PORT;
        EmulatorOptions options = EmulatorOptions.defaults();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--no-auth" -> {
                    if (inline != null) {
                        throw new UsageException("--no-auth takes no value");
                    }
                    options = options.withVerifySignatures(false);
                }
                case "--port", "--tokens", "--inter-token-delay", "--first-byte-delay", "--fault", "--replay-dir" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--port" -> port = port(value);
                        case "--tokens" -> options = options.withTokens(positive(name, value));
                        case "--inter-token-delay" -> options = options.withInterTokenDelay(duration(name, value));
                        case "--first-byte-delay" -> options = options.withFirstByteDelay(duration(name, value));
                        case "--fault" -> options = options.withFault(fault(value));
                        default -> options = options.withReplayDirectory(directory(value));
                    }
                }
                default -> throw new UsageException("Unknown option '" + arg + "'");
            }
        }
        return new EmulatorArguments(port, options, help);
    }

    private static int port(String value) {
        int port = integer("--port", value);
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, got " + value);
        }
        return port;
    }

    private static int positive(String name, String value) {
        int n = integer(name, value);
        if (n < 1) {
            throw new UsageException(name + " must be at least 1, got " + value);
        }
        return n;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + value + "'");
        }
    }

    /** Milliseconds, written {@code 5}, {@code 5ms} or {@code 2s}: the emulator's timers have millisecond precision. */
    private static Duration duration(String name, String value) {
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
            throw new UsageException(name + " needs a duration such as 5ms or 2s, got '" + value + "'");
        }
        if (amount < 0) {
            throw new UsageException(name + " cannot be negative, got " + value);
        }
        return Duration.ofMillis(amount * factor);
    }

    private static Fault fault(String value) {
        try {
            return Fault.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fault: " + e.getMessage());
        }
    }

    private static Path directory(String value) {
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--replay-dir: no directory at " + dir.toAbsolutePath());
        }
        return dir;
    }
}
