package io.quarkiverse.bedrock.testing;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link BedrockEmulator} as a program, for benchmarks and manual tries:
 * {@code java -jar quarkus-bedrock-testing-<version>-standalone.jar --port 8089}. See {@code --help} for the flags.
 * It prints one line with the endpoint and the credentials to use, then serves until the process is stopped.
 */
public final class StandaloneEmulator {

    /** Exit status for a command line that cannot be used. */
    static final int USAGE_ERROR = 2;

    private StandaloneEmulator() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        EmulatorArguments arguments;
        try {
            arguments = EmulatorArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(EmulatorArguments.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        if (arguments.help()) {
            System.out.println(EmulatorArguments.USAGE);
            return;
        }
        BedrockEmulator emulator;
        try {
            emulator = start(arguments, System.out);
        } catch (IllegalStateException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "bedrock-emulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the emulator the arguments describe and prints its one ready line.
     *
     * @param arguments the parsed command line
     * @param out where the ready line goes
     * @return the running emulator
     */
    static BedrockEmulator start(EmulatorArguments arguments, PrintStream out) {
        BedrockEmulator emulator = BedrockEmulator.create(arguments.options()).start(arguments.port());
        emulator.throttleNext(arguments.throttleFirst());
        out.println(readyLine(emulator));
        out.flush();
        return emulator;
    }

    /** The values are the emulator's public test credentials, not secrets. */
    static String readyLine(BedrockEmulator emulator) {
        EmulatorOptions o = emulator.options();
        return "Bedrock emulator listening on " + emulator.endpoint()
                + " (HTTP/1.1 and h2c) region=" + EmulatorCredentials.REGION
                + " accessKeyId=" + EmulatorCredentials.ACCESS_KEY_ID
                + " secretAccessKey=" + EmulatorCredentials.SECRET_ACCESS_KEY
                + " apiKey=" + EmulatorCredentials.API_KEY
                + " auth=" + (o.verifySignatures() ? "verified" : "off")
                + " strict=" + (o.strict() ? "on" : "off")
                + " tokens=" + o.tokens()
                + " interTokenDelay=" + o.interTokenDelay().toMillis() + "ms"
                + " firstByteDelay=" + o.firstByteDelay().toMillis() + "ms";
    }
}
