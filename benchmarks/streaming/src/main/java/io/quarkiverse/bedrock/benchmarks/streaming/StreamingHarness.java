package io.quarkiverse.bedrock.benchmarks.streaming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import software.amazon.awssdk.http.Protocol;

/**
 * The streaming load harness of issue 8: starts the standalone emulator as a separate process, then streams
 * ConverseStream with quarkus-bedrock and with the AWS SDK v2 async client (HTTP/1.1 and its default HTTP/2), and
 * prints, per scenario and client, CPU µs and allocated bytes per text delta and the first-delta lag p50/p99.
 * <p>
 * Flags: {@code --emulator-jar <path>} (required), {@code --streams 200}, {@code --concurrency 50},
 * {@code --warmup 20} (rounds per client before measuring), {@code --rounds 5} (measured rounds per client,
 * interleaved between clients); for profiling, {@code --only <client name part>} and {@code --scenario <name prefix>}
 * (e.g. {@code --only quarkus --scenario 50}) run a subset, without the ratio table; {@code --thread-cpu true} prints
 * each round's CPU time per thread group (event loops, JIT compilers, GC).
 */
public final class StreamingHarness {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    /** A load shape: emulator tokens per answer and delay between events. */
    record Scenario(String name, int tokens, int interTokenDelayMillis) {
        List<String> emulatorFlags() {
            return List.of("--tokens", Integer.toString(tokens), "--inter-token-delay", interTokenDelayMillis + "ms");
        }
    }

    /** What the measured rounds of one client in one scenario added up to. */
    static final class Totals {
        long cpuNanos;
        /** Of {@link #cpuNanos}, the JIT compiler threads' part. */
        long jitNanos;
        long allocatedBytes;
        long deltas;
        long streams;
        final List<Long> lagNanos = new ArrayList<>();

        double cpuMicrosPerDelta() {
            return cpuNanos / 1000.0 / deltas;
        }

        double cpuMicrosPerDeltaWithoutJit() {
            return (cpuNanos - jitNanos) / 1000.0 / deltas;
        }

        double bytesPerDelta() {
            return (double) allocatedBytes / deltas;
        }

        double lagMillis(double percentile) {
            return percentileMillis(lagNanos, percentile);
        }

        static double percentileMillis(List<Long> nanos, double percentile) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
        }
    }

    private StreamingHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        Path jar = Path.of(require(flags, "--emulator-jar"));
        int streams = Integer.parseInt(flags.getOrDefault("--streams", "200"));
        int concurrency = Integer.parseInt(flags.getOrDefault("--concurrency", "50"));
        int warmup = Integer.parseInt(flags.getOrDefault("--warmup", "20"));
        int rounds = Integer.parseInt(flags.getOrDefault("--rounds", "5"));
        String only = flags.get("--only");
        String scenarioFilter = flags.get("--scenario");
        boolean threadCpu = Boolean.parseBoolean(flags.getOrDefault("--thread-cpu", "false"));
        List<Scenario> scenarios = List.of(new Scenario("200 tokens, no delay", 200, 0),
                new Scenario("50 tokens, 5 ms apart", 50, 5));

        ProcessMeter meter = new ProcessMeter();
        Map<Scenario, Map<String, Totals>> report = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            if (scenarioFilter != null && !scenario.name().startsWith(scenarioFilter)) {
                continue;
            }
            System.out.printf("== %s: %d streams, %d at a time, %d warm-up + %d measured rounds per client%n",
                    scenario.name(), streams, concurrency, warmup, rounds);
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, scenario.emulatorFlags())) {
                List<StreamClient> all = List.of(
                        new OurClient(emulator.endpoint(), MODEL, emulator.accessKeyId(), emulator.secretAccessKey(),
                                true),
                        new OurClient(emulator.endpoint(), MODEL, emulator.accessKeyId(), emulator.secretAccessKey(),
                                false),
                        new SdkClient(emulator.endpoint(), MODEL, emulator.accessKeyId(), emulator.secretAccessKey(),
                                Protocol.HTTP1_1),
                        new SdkClient(emulator.endpoint(), MODEL, emulator.accessKeyId(), emulator.secretAccessKey(),
                                null));
                List<StreamClient> clients = all.stream().filter(c -> only == null || c.name().contains(only)).toList();
                try {
                    for (StreamClient c : clients) {
                        long wall = System.nanoTime();
                        for (int i = 0; i < warmup; i++) {
                            LoadRound.run(c, meter, streams, concurrency, scenario.tokens());
                        }
                        System.out.printf(Locale.ROOT, "  warm-up %-20s %.1f s%n", c.name(), (System.nanoTime() - wall) / 1e9);
                    }
                    Map<String, Totals> totals = new LinkedHashMap<>();
                    for (int round = 0; round < rounds; round++) {
                        for (StreamClient c : clients) {
                            emulator.clearTimings();
                            long wall = System.nanoTime();
                            LoadRound.Outcome o = LoadRound.run(c, meter, streams, concurrency, scenario.tokens());
                            Map<String, Long> writes = emulator.firstTextWrites();
                            if (writes.size() < o.results().size()) {
                                // the emulator stamps a write when it completes, possibly just after the client read it
                                Thread.sleep(200);
                                writes = emulator.firstTextWrites();
                            }
                            Totals t = totals.computeIfAbsent(c.name(), n -> new Totals());
                            t.cpuNanos += o.cpuNanos();
                            t.jitNanos += o.jitNanos();
                            t.allocatedBytes += o.allocatedBytes();
                            t.deltas += o.textDeltas();
                            t.streams += o.results().size();
                            List<Long> roundLags = new ArrayList<>();
                            for (StreamClient.StreamResult r : o.results()) {
                                Long written = writes.get(r.requestId());
                                if (written == null || written < 0) {
                                    throw new IllegalStateException("The emulator has no first-write time for request "
                                            + r.requestId());
                                }
                                t.lagNanos.add(r.firstTextNanos() - written);
                                roundLags.add(r.firstTextNanos() - written);
                            }
                            System.out.printf(Locale.ROOT,
                                    "  round %d %-20s cpu %.2f us/delta, %.0f B/delta, lag p50 %.3f ms, %.1f s%n",
                                    round + 1, c.name(), o.cpuNanos() / 1000.0 / o.textDeltas(),
                                    (double) o.allocatedBytes() / o.textDeltas(), Totals.percentileMillis(roundLags, 50),
                                    (System.nanoTime() - wall) / 1e9);
                            if (threadCpu) {
                                System.out.printf(Locale.ROOT, "    cpu ms by thread: %s%n", millis(o.cpuByThreads()));
                            }
                        }
                    }
                    report.put(scenario, totals);
                } finally {
                    for (StreamClient c : all) {
                        c.close();
                    }
                }
            }
        }
        System.out.println();
        System.out.println(machine());
        System.out.println();
        if (only == null) {
            System.out.print(table(report));
        }
        System.out.flush();
        // the SDK's Netty event loops and the JDK HTTP client linger as non-daemon threads after close
        System.exit(0);
    }

    private static Map<String, Long> millis(Map<String, Long> nanos) {
        Map<String, Long> ms = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue().reversed())
                .forEach(e -> ms.put(e.getKey(), e.getValue() / 1_000_000));
        return ms;
    }

    static String table(Map<Scenario, Map<String, Totals>> report) {
        StringBuilder b = new StringBuilder();
        b.append("[cols=\"2,2,>1,>1,>1,>1,>1,>1,>1\",options=\"header\"]\n|===\n");
        b.append("|Scenario |Client |CPU µs/delta |of which not JIT |B/delta |lag p50 ms |lag p99 ms "
                + "|CPU vs SDK h1 / h2 |B vs SDK h1 / h2\n");
        for (Map.Entry<Scenario, Map<String, Totals>> e : report.entrySet()) {
            Map<String, Totals> byClient = e.getValue();
            Totals h1 = byClient.get("aws-sdk-v2 HTTP/1.1");
            Totals h2 = byClient.get("aws-sdk-v2 HTTP/2");
            for (Map.Entry<String, Totals> c : byClient.entrySet()) {
                Totals t = c.getValue();
                b.append(String.format(Locale.ROOT, "|%s |%s |%.2f |%.2f |%.0f |%.3f |%.3f |%.2f / %.2f |%.2f / %.2f%n",
                        e.getKey().name(), c.getKey(), t.cpuMicrosPerDelta(), t.cpuMicrosPerDeltaWithoutJit(),
                        t.bytesPerDelta(), t.lagMillis(50),
                        t.lagMillis(99), t.cpuMicrosPerDelta() / h1.cpuMicrosPerDelta(),
                        t.cpuMicrosPerDelta() / h2.cpuMicrosPerDelta(), t.bytesPerDelta() / h1.bytesPerDelta(),
                        t.bytesPerDelta() / h2.bytesPerDelta()));
            }
        }
        b.append("|===\n");
        return b.toString();
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (Exception e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "Machine: %s, %d CPUs available to the JVM, %d MB max heap, %s %s, %s %s",
                cpu, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.version"));
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + Arrays.toString(args));
            }
            out.put(args[i], args[++i]);
        }
        return out;
    }

    private static String require(Map<String, String> flags, String name) {
        String v = flags.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }
}
