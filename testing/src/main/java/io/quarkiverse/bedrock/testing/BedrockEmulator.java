package io.quarkiverse.bedrock.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.quarkiverse.bedrock.runtime.catalog.ModelCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * A local Amazon Bedrock Runtime: an HTTP server on a loopback port that speaks the Bedrock wire protocol (Converse,
 * ConverseStream, InvokeModel, InvokeModelWithResponseStream, CountTokens), verifies SigV4 signatures made with
 * {@link EmulatorCredentials}, and answers with deterministic text, scripted {@link Reply replies}, replayed
 * recordings or injected {@link Fault faults}.
 *
 * <pre>{@code
 * try (BedrockEmulator emulator = BedrockEmulator.create().start()) {
 *     emulator.enqueue(Reply.text("Hello!"));
 *     // point a client at emulator.endpoint() with EmulatorCredentials.ACCESS_KEY_ID / SECRET_ACCESS_KEY
 * }
 * }</pre>
 *
 * Thread-safe. It owns its own Vert.x instance, so it works inside and outside Quarkus.
 */
public final class BedrockEmulator implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 30;

    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<Path, List<ReplayFixture>> fixtureCache = new ConcurrentHashMap<>();
    private final StreamStats streamStats = new StreamStats();
    private final StreamTimings streamTimings = new StreamTimings();
    private final Clock clock;
    private final AtomicInteger throttles = new AtomicInteger();
    private volatile EmulatorOptions options;
    private volatile CatalogHolder catalog;
    private Path asyncTemp;
    private volatile Vertx vertx;
    private volatile HttpServer server;

    private BedrockEmulator(EmulatorOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private final AtomicInteger openConnections = new AtomicInteger();

    /** @return an emulator with {@link EmulatorOptions#defaults()}, not started */
    public static BedrockEmulator create() {
        return create(EmulatorOptions.defaults());
    }

    /** @param options the options @return an emulator, not started */
    public static BedrockEmulator create(EmulatorOptions options) {
        return new BedrockEmulator(options, Clock.systemUTC());
    }

    /**
     * @param options the options
     * @param clock the clock that judges signature expiry (tests pin it)
     * @return an emulator, not started
     */
    public static BedrockEmulator create(EmulatorOptions options, Clock clock) {
        return new BedrockEmulator(options, clock);
    }

    /** Starts on a free port. @return this */
    public BedrockEmulator start() {
        return start(0);
    }

    /**
     * @param port the port on 127.0.0.1, 0 for a free one
     * @return this
     * @throws IllegalStateException when already started or the port cannot be bound
     */
    public synchronized BedrockEmulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("The Bedrock emulator is already running on port " + server.actualPort());
        }
        Vertx v = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        // HTTP/2 cleartext as well as HTTP/1.1, both by upgrade and with prior knowledge: the AWS SDK's default
        // async client speaks HTTP/2
        HttpServer s = v.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setCompressionSupported(false).setHttp2ClearTextEnabled(true));
        s.requestHandler(new EmulatorHandler(v, this, new SigV4Verifier(clock)));
        s.connectionHandler(connection -> {
            openConnections.incrementAndGet();
            connection.closeHandler(closed -> openConnections.decrementAndGet());
        });
        try {
            s.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            v.close();
            throw new IllegalStateException("Interrupted while starting the Bedrock emulator", e);
        } catch (ExecutionException | TimeoutException e) {
            v.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Cannot start the Bedrock emulator on 127.0.0.1:" + port + ": " + cause,
                    cause);
        }
        this.vertx = v;
        this.server = s;
        return this;
    }

    /**
     * @return the client connections open now: a client that keeps connections it no longer uses (a leak) makes it grow
     */
    public int openConnections() {
        return openConnections.get();
    }

    /** @return whether the emulator is listening */
    public boolean isRunning() {
        return server != null;
    }

    /**
     * @return the port it listens on
     * @throws IllegalStateException when not started
     */
    public int port() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("The Bedrock emulator is not running: call start() first");
        }
        return s.actualPort();
    }

    /** @return the base URI to configure as endpoint override, e.g. {@code http://127.0.0.1:43215} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * @return the configuration that points a quarkus-bedrock client at this emulator:
     *         {@code quarkus.aws-bedrock.endpoint-override}, {@code region} and the emulator's static credentials
     */
    public Map<String, String> clientConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.aws-bedrock.endpoint-override", endpoint().toString());
        config.put("quarkus.aws-bedrock.region", EmulatorCredentials.REGION);
        config.put("quarkus.aws-bedrock.credentials.access-key-id", EmulatorCredentials.ACCESS_KEY_ID);
        config.put("quarkus.aws-bedrock.credentials.secret-access-key", EmulatorCredentials.SECRET_ACCESS_KEY);
        return config;
    }

    /** Stops the server and closes open connections (including stalled streams). Idempotent. */
    public synchronized void stop() {
        Vertx v = vertx;
        vertx = null;
        server = null;
        if (v != null) {
            try {
                v.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // closing best effort: the port is released by the OS when the event loops stop
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** @return the current options */
    public EmulatorOptions options() {
        return options;
    }

    /** @param newOptions options for the next requests @return this */
    public BedrockEmulator options(EmulatorOptions newOptions) {
        this.options = Objects.requireNonNull(newOptions, "options");
        return this;
    }

    /** @param change a change of the current options, e.g. {@code o -> o.withTokens(50)} @return this */
    public BedrockEmulator configure(UnaryOperator<EmulatorOptions> change) {
        return options(change.apply(options));
    }

    /**
     * Scripts the next answers: each request to an operation takes the next reply, in order.
     *
     * @param next replies
     * @return this
     */
    public BedrockEmulator enqueue(Reply... next) {
        replies.addAll(Arrays.asList(next));
        return this;
    }

    /** @return how many scripted replies are still waiting */
    public int pendingReplies() {
        return replies.size();
    }

    /** @return the requests received so far, oldest first */
    public List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /**
     * @return the last request received
     * @throws IllegalStateException when there was none
     */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("The Bedrock emulator has received no request yet");
        }
        return all.get(all.size() - 1);
    }

    /**
     * Forgets scripted replies, pending {@link #throttleNext(int) throttles}, received requests, {@link #streamStats()},
     * stream timings and prompt cache entries (the options stay). @return this
     */
    public BedrockEmulator reset() {
        replies.clear();
        requests.clear();
        throttles.set(0);
        streamStats.reset();
        streamTimings.clear();
        asyncInProgressPolls = 0;
        promptCache.clear();
        return this;
    }

    /** Converse prompt cache entries, until {@link #reset()}. */
    private final PromptCache promptCache = new PromptCache();

    /** @return the prompt cache Converse requests read and write */
    PromptCache promptCache() {
        return promptCache;
    }

    /** Until {@link #reset()}: how many GetAsyncInvoke calls a newly started job answers InProgress. */
    private volatile int asyncInProgressPolls;

    /**
     * Makes asynchronous invocations started from now on look long-running: each answers {@code InProgress} to its
     * first {@code polls} GetAsyncInvoke calls (and in ListAsyncInvokes until then), then its real status.
     *
     * @param polls the number of polls, 0 (the default, also after {@link #reset()}) for jobs that finish at once
     * @return this emulator
     */
    public BedrockEmulator asyncInvokeInProgressPolls(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("polls must be 0 or more, not " + polls);
        }
        this.asyncInProgressPolls = polls;
        return this;
    }

    int asyncInvokeInProgressPolls() {
        return asyncInProgressPolls;
    }

    /** @return what the write side saw of the streamed answers since the last {@link #reset()} */
    public StreamStats streamStats() {
        return streamStats;
    }

    /**
     * @return when the first frames of each streamed answer were written (also served at {@value StreamTimings#PATH}
     *         for clients in another process)
     */
    public StreamTimings streamTimings() {
        return streamTimings;
    }

    /**
     * @return the model catalogue strict mode checks requests against: the shipped one, extended by
     *         {@link EmulatorOptions#catalogFile()} when set
     */
    public ModelCatalog catalog() {
        Path file = options.catalogFile();
        CatalogHolder held = catalog;
        if (held == null || !Objects.equals(held.file(), file)) {
            ModelCatalog standard = ModelCatalog.standard();
            held = new CatalogHolder(file, file == null ? standard : standard.extendedWith(file));
            catalog = held;
        }
        return held.catalog();
    }

    /** The catalogue read for one catalogue file option. */
    private record CatalogHolder(Path file, ModelCatalog catalog) {
    }

    /**
     * Answers the next {@code n} operation requests with HTTP 429 {@code ThrottlingException} (with
     * {@link EmulatorOptions#retryAfter()} as {@code Retry-After} when set); the requests after them succeed. Adds to
     * any throttles still pending.
     *
     * @param n how many requests to throttle
     * @return this
     */
    public BedrockEmulator throttleNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n cannot be negative, got " + n);
        }
        throttles.addAndGet(n);
        return this;
    }

    /** @return true when this request is one of the throttled ones (and counts it) */
    boolean takeThrottle() {
        return throttles.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /**
     * @return where StartAsyncInvoke writes its results: {@link EmulatorOptions#asyncOutputDirectory()}, or a temporary
     *         directory created on first use
     */
    public Path asyncOutputDirectory() {
        Path configured = options.asyncOutputDirectory();
        if (configured != null) {
            return configured;
        }
        synchronized (this) {
            if (asyncTemp == null) {
                try {
                    asyncTemp = java.nio.file.Files.createTempDirectory("bedrock-emulator-async");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("Cannot create a directory for async invocation results", e);
                }
            }
            return asyncTemp;
        }
    }

    Clock clock() {
        return clock;
    }

    Reply nextReply() {
        return replies.poll();
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    List<ReplayFixture> fixtures(Path dir) {
        return fixtureCache.computeIfAbsent(dir.toAbsolutePath().normalize(), ReplayFixture::scan);
    }

    @Override
    public String toString() {
        HttpServer s = server;
        return "BedrockEmulator[" + (s == null ? "stopped" : "http://127.0.0.1:" + s.actualPort()) + "]";
    }
}
