package io.quarkiverse.bedrock.testing;

/**
 * The command line of the {@link StandaloneEmulator}.
 *
 * @param port the port to listen on, 0 for a free one
 * @param options the emulator options the flags chose
 * @param help whether {@code --help} was given
 * @param throttleFirst how many requests, from the start, answer with a throttling error before the others succeed
 */
record EmulatorArguments(int port, EmulatorOptions options, boolean help, int throttleFirst) {

    static final int DEFAULT_PORT = 8089;

    static final String USAGE = usage();

    private static String usage() {
        StringBuilder faults = new StringBuilder();
        for (Fault f : Fault.values()) {
            faults.append(System.lineSeparator()).append(String.format("    %-27s %s", f.wireName(), f.description()));
        }
        return String.join(System.lineSeparator(),
                "Usage: java -jar quarkus-bedrock-testing-<version>-standalone.jar [options]",
                "",
                "Starts the Amazon Bedrock Runtime emulator on 127.0.0.1 (HTTP/1.1 and HTTP/2 cleartext).",
                "",
                "Options:",
                "  --port <n>                 port to listen on, 0 for a free one (default " + DEFAULT_PORT + ")",
                "  --tokens <n>               text tokens per generated answer (default "
                        + EmulatorOptions.defaults().tokens() + ")",
                "  --inter-token-delay <d>    delay between two stream events, e.g. 5ms, 1s (default 0)",
                "  --first-byte-delay <d>     delay before an answer's status line and headers, e.g. 200ms (default 0)",
                "  --no-auth                  accept requests without a valid SigV4 signature or API key",
                "  --lenient                  answer anything: no model catalogue, conversation or capability checks",
                "                             (same as --strict false; strict, like Bedrock, is the default)",
                "  --catalog <file>           add or replace models with this catalogue file (format of",
                "                             META-INF/quarkus-aws-bedrock/models.json)",
                "  --retry-after <d>          add a Retry-After header (whole seconds) to throttling answers, e.g. 2s",
                "  --throttle-first <n>       answer the first n requests with a throttling error, then succeed",
                "  --fault <name>             inject a fault into every answer (or per request with the header "
                        + Fault.HEADER + "):" + faults,
                "  --replay-dir <dir>         replay reqllm fixtures from this directory when model and operation match",
                "  --async-output-dir <dir>   where StartAsyncInvoke writes results (s3://bucket/key -> <dir>/bucket/key)",
                "  --help                     print this help and exit",
                "",
                "Stream timings (System.nanoTime of the first event writes) are served at GET " + StreamTimings.PATH + ".");
    }

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
        int throttleFirst = 0;
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
            String key = name.startsWith("--") ? name.substring(2) : name;
            boolean valued = name.equals("--port") || name.equals("--throttle-first")
                    || (name.startsWith("--") && EmulatorSettings.NAMES.contains(key));
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
            } else if (name.equals("--no-auth") || name.equals("--lenient")) {
                if (inline != null) {
                    throw new UsageException(name + " takes no value");
                }
                options = name.equals("--no-auth") ? options.withVerifySignatures(false) : options.withStrict(false);
            } else if (valued) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
                try {
                    if (name.equals("--port")) {
                        port = port(value);
                    } else if (name.equals("--throttle-first")) {
                        throttleFirst = EmulatorSettings.integer(name, value);
                        if (throttleFirst < 0) {
                            throw new UsageException(name + " cannot be negative, got " + value);
                        }
                    } else {
                        options = EmulatorSettings.apply(options, key, value, name);
                    }
                } catch (UsageException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            } else {
                throw new UsageException("Unknown option '" + arg + "'");
            }
        }
        return new EmulatorArguments(port, options, help, throttleFirst);
    }

    private static int port(String value) {
        int port = EmulatorSettings.integer("--port", value);
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, got " + value);
        }
        return port;
    }
}
