package io.quarkiverse.bedrock.benchmarks.soak;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkiverse.bedrock.testing.Reply;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Soak and load benchmark of the streaming client against the emulator (in this JVM, its state reset before each
 * measurement); HTTP/2 is h2c, with the emulator's default HTTP/2 rapid-reset guard. Three phases:
 * <ol>
 * <li><b>soak</b>, over HTTP/1.1 then HTTP/2: {@code --streams} streams (10,000), a random third cancelled after 1 to 5
 * text chunks, a random tenth of the answers faulted (HTTP 429, a throttling event mid-stream, and over HTTP/1.1 the
 * connection dropped mid-frame, over HTTP/2 an internal-error event mid-stream); then, {@code --settle}
 * (30 s) after the end: open connections, live threads and heap after a GC, against the same figures before;</li>
 * <li><b>concurrent</b>: {@code --concurrent} streams (1,000) subscribed at once, every answer checked against the
 * expected text, heap sampled every 5 ms for its peak (run with {@code -Xmx256m});</li>
 * <li><b>storm</b>: {@code --storm} streams (400), 50 at a time, while the emulator throttles a random 60% of the
 * first answers: success rate and latency with retries off, standard and adaptive.</li>
 * </ol>
 * Run: {@code ./mvnw -B install -DskipTests && ./mvnw -B -f benchmarks -pl soak package exec:exec}.
 */
public final class SoakHarness {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final BedrockOptions CONVERSE = BedrockOptions.builder().useConverse(true).build();
    /**
     * The faults of the soak. A dropped connection fails every stream it carries, so over HTTP/2 (50 streams per
     * connection) a tenth of drops would fail most streams: there the stream-level faults stand in for it.
     */
    private static final List<Fault> HTTP1_FAULTS = List.of(Fault.DROP_MID_FRAME, Fault.THROTTLING,
            Fault.STREAM_THROTTLING);
    private static final List<Fault> HTTP2_FAULTS = List.of(Fault.THROTTLING, Fault.STREAM_THROTTLING,
            Fault.STREAM_INTERNAL_ERROR);

    private final Map<String, String> args;
    private final Random random = new Random(13);

    private SoakHarness(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>(Map.of("streams", "10000", "in-flight", "200", "concurrent",
                "1000", "storm", "400", "settle", "30", "tokens", "30", "phases", "soak,concurrent,storm"));
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--") || !args.containsKey(argv[i].substring(2))) {
                throw new IllegalArgumentException("Unknown option " + argv[i] + "; options: " + args.keySet());
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        System.out.printf("java %s, %d processors, max heap %d MB, load average %.2f, args %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                args);
        SoakHarness harness = new SoakHarness(args);
        List<String> phases = Arrays.asList(args.get("phases").split(","));
        try {
            if (phases.contains("soak")) {
                harness.soak(false);
                harness.soak(true);
            }
            if (phases.contains("concurrent")) {
                harness.concurrent();
            }
            if (phases.contains("storm")) {
                harness.storm();
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private int arg(String name) {
        return Integer.parseInt(args.get(name));
    }

    private BedrockEmulator emulator(Duration interTokenDelay) {
        return BedrockEmulator.create(EmulatorOptions.defaults().withTokens(arg("tokens"))
                .withInterTokenDelay(interTokenDelay)).start(0);
    }

    private static Map<String, String> config(BedrockEmulator emulator, String... more) {
        Map<String, String> config = new LinkedHashMap<>(emulator.clientConfig());
        config.put("quarkus.aws-bedrock.http2", "true");
        for (int i = 0; i + 1 < more.length; i += 2) {
            config.put("quarkus.aws-bedrock." + more[i], more[i + 1]);
        }
        return config;
    }

    private static ChatRequest request(String prompt) {
        return ChatRequest.builder().model(MODEL).user(prompt).options(CONVERSE).build();
    }

    /** What happened to the streams of a phase, by outcome. */
    private static final class Outcomes {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        void add(String outcome) {
            counts.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public String toString() {
            return new java.util.TreeMap<>(counts).toString();
        }
    }

    /**
     * One stream: cancelled after {@code keep} text chunks when positive, else read to the end.
     *
     * @return completes with the outcome, never exceptionally
     */
    private static CompletableFuture<String> stream(BedrockClient client, String prompt, int keep,
            StringBuilder text) {
        CompletableFuture<String> done = new CompletableFuture<>();
        AtomicInteger chunks = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        AtomicReference<Cancellable> subscription = new AtomicReference<>();
        Cancellable cancellable = client.stream(request(prompt)).subscribe().with(chunk -> {
            if (chunk instanceof Chunk.TextDelta delta) {
                if (text != null) {
                    text.append(delta.text());
                }
                if (chunks.incrementAndGet() == keep) {
                    done.complete("cancelled");
                    // the subscription is known once subscribe() returned; chunks come on an event loop later
                    while (subscription.get() == null) {
                        Thread.onSpinWait();
                    }
                    subscription.get().cancel();
                }
            } else if (chunk instanceof Chunk.Stop) {
                stops.incrementAndGet();
            }
        }, failure -> done.complete("failed: " + failure.getClass().getSimpleName()),
                () -> done.complete(stops.get() == 1 ? "completed" : "completed without stop"));
        subscription.set(cancellable);
        return done;
    }

    private void soak(boolean http2) throws Exception {
        int streams = arg("streams");
        int inFlight = arg("in-flight");
        String protocol = http2 ? "HTTP/2" : "HTTP/1.1";
        List<Fault> faults = http2 ? HTTP2_FAULTS : HTTP1_FAULTS;
        try (BedrockEmulator emulator = emulator(Duration.ofMillis(2));
                SoakClient soak = new SoakClient(config(emulator, "http2", Boolean.toString(http2)))) {
            BedrockClient client = soak.client();
            run(client, 200, inFlight, 0, new Outcomes()); // warm-up: no faults, no cancels
            emulator.reset();
            Snapshot before = Snapshot.take(emulator);
            enqueueReplies(emulator, streams * 2, faults);
            Outcomes outcomes = new Outcomes();
            long start = System.nanoTime();
            run(client, streams, inFlight, 1.0 / 3, outcomes);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int requests = emulator.requests().size();
            System.out.printf("soak %s, faults %s: %d streams (%d in flight) in %d ms: %s; %d requests sent "
                    + "(retries included)%n", protocol, faults, streams, inFlight, millis, outcomes, requests);
            System.out.printf("soak %s: open connections at the end %d; streams the emulator saw closed early %d%n",
                    protocol, emulator.openConnections(), emulator.streamStats().closedEarly());
            Thread.sleep(TimeUnit.SECONDS.toMillis(arg("settle")));
            emulator.reset();
            Snapshot after = Snapshot.take(emulator);
            System.out.printf("soak %s: %d s after the end: %s (before: %s); new threads: %s%n", protocol,
                    arg("settle"), after, before, threadNames().stream().filter(n -> !before.names().contains(n)).toList());
            // outside Quarkus, Mutiny's default executor is a cached pool (retry delays, deadlines): its idle threads
            // end after 60 s
            Thread.sleep(TimeUnit.SECONDS.toMillis(40));
            System.out.printf("soak %s: %d s after the end: %s%n", protocol, arg("settle") + 40, Snapshot.take(emulator));
            soak.close();
            Thread.sleep(1000);
            System.out.printf("soak %s: client closed: %d connections open at the emulator, %d threads%n", protocol,
                    emulator.openConnections(), ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }

    /**
     * Each request (retries included) takes the next reply: a tenth of them carry a fault. In a method of its own so
     * that the list is garbage once enqueued: held by the caller's frame, its 40,000 replies (1.6 MB) were counted as
     * the client's heap growth 30 and 70 s after the soak.
     */
    private void enqueueReplies(BedrockEmulator emulator, int count, List<Fault> faults) {
        List<Reply> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            replies.add(random.nextInt(10) == 0 ? Reply.fault(faults.get(random.nextInt(faults.size())))
                    : Reply.generated());
        }
        emulator.enqueue(replies.toArray(Reply[]::new));
    }

    /** Runs {@code count} streams, {@code inFlight} at a time, cancelling a random {@code cancelShare} of them. */
    private void run(BedrockClient client, int count, int inFlight, double cancelShare, Outcomes outcomes)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            slots.acquire();
            int keep = random.nextDouble() < cancelShare ? 1 + random.nextInt(5) : 0;
            all[i] = stream(client, "Tell me a story " + i, keep, null).whenComplete((outcome, ignored) -> {
                outcomes.add(outcome);
                slots.release();
            });
        }
        CompletableFuture.allOf(all).orTimeout(10, TimeUnit.MINUTES).join();
    }

    /** Connections, threads and heap at one moment, after a GC. */
    private record Snapshot(int connections, int threads, long heapKb, java.util.Set<String> names) {
        static Snapshot take(BedrockEmulator emulator) throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            return new Snapshot(emulator.openConnections(), ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 10, threadNames());
        }

        @Override
        public String toString() {
            return connections + " connections open, " + threads + " threads, heap " + heapKb + " KB after GC";
        }
    }

    private static java.util.Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private void concurrent() throws Exception {
        int count = arg("concurrent");
        // enough connections for every stream to be on the wire at once (50 streams per connection)
        try (BedrockEmulator emulator = emulator(Duration.ofMillis(5));
                SoakClient soak = new SoakClient(config(emulator, "http2-max-connections",
                        Integer.toString((count + 49) / 50)))) {
            BedrockClient client = soak.client();
            StringBuilder reference = new StringBuilder();
            stream(client, "Tell me a story", 0, reference).join();
            emulator.reset();
            Snapshot before = Snapshot.take(emulator);
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            Outcomes outcomes = new Outcomes();
            List<StringBuilder> texts = new ArrayList<>();
            CompletableFuture<?>[] all = new CompletableFuture<?>[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                StringBuilder text = new StringBuilder();
                texts.add(text);
                all[i] = stream(client, "Tell me a story", 0, text).thenAccept(outcomes::add);
            }
            CompletableFuture.allOf(all).orTimeout(10, TimeUnit.MINUTES).join();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            sampler.interrupt();
            sampler.join();
            long correct = texts.stream().filter(t -> t.toString().contentEquals(reference)).count();
            System.out.printf("concurrent: %d streams at once in %d ms: %s; %d of %d texts as expected (%d chars); "
                    + "max %d streams at once at the emulator; heap peak %d MB of %d MB (before: %s)%n", count, millis,
                    outcomes, correct, count, reference.length(), emulator.streamStats().started(), peak.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, before);
        }
    }

    private void storm() throws Exception {
        for (String mode : List.of("none", "standard", "adaptive")) {
            try (BedrockEmulator emulator = emulator(Duration.ZERO);
                    SoakClient soak = new SoakClient(config(emulator, "retry.mode", mode))) {
                BedrockClient client = soak.client();
                stream(client, "warm-up", 0, null).join();
                emulator.reset();
                Random storm = new Random(42);
                int calls = arg("storm");
                List<Reply> replies = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    replies.add(storm.nextInt(10) < 6 ? Reply.fault(Fault.THROTTLING) : Reply.generated());
                }
                emulator.enqueue(replies.toArray(Reply[]::new));
                Semaphore slots = new Semaphore(50);
                List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
                AtomicInteger ok = new AtomicInteger();
                CompletableFuture<?>[] all = new CompletableFuture<?>[calls];
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    slots.acquire();
                    long t0 = System.nanoTime();
                    all[i] = stream(client, "storm " + i, 0, null).thenAccept(outcome -> {
                        if (outcome.equals("completed")) {
                            ok.incrementAndGet();
                            latencies.add(System.nanoTime() - t0);
                        }
                    }).whenComplete((v, e) -> slots.release());
                }
                CompletableFuture.allOf(all).orTimeout(10, TimeUnit.MINUTES).join();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("storm, retry.mode=%s: %d of %d succeeded (%.1f%%), %d requests sent, %d ms in all; "
                        + "latency of the successes p50 %d ms, p95 %d ms, max %d ms%n", mode, ok.get(), calls,
                        100.0 * ok.get() / calls, emulator.requests().size(), millis, percentile(sorted, 50),
                        percentile(sorted, 95), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1_000_000);
            }
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1_000_000;
    }
}
