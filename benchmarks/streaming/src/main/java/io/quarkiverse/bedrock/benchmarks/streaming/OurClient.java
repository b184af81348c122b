package io.quarkiverse.bedrock.benchmarks.streaming;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.client.DefaultBedrockClient;
import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.config.NamedClientFallback;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkiverse.bedrock.runtime.telemetry.DiscardingSpanExporter;
import io.quarkiverse.bedrock.runtime.telemetry.FixedTelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.ObservedBedrockClient;
import io.quarkiverse.bedrock.runtime.telemetry.OperationObserver;
import io.quarkiverse.bedrock.runtime.telemetry.ServerAddress;
import io.quarkiverse.bedrock.runtime.telemetry.TelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.micrometer.GenAiMeters;
import io.quarkiverse.bedrock.runtime.telemetry.otel.GenAiSpans;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.runtime.transport.UserAgent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.mutiny.core.Vertx;

/**
 * quarkus-bedrock's client, built as {@code BedrockClientFactory} builds it, on a plain Vert.x instance (no Quarkus
 * application): the configuration is the real {@link BedrockRuntimeConfig} mapping with its defaults. With telemetry,
 * it is wrapped as {@code BedrockTelemetry} wraps it when quarkus-opentelemetry and quarkus-micrometer are present: the
 * GenAI spans go to the OTel SDK's batch span processor (its exporter discards them: the cost of shipping them is the
 * collector's, not the client's) and the metrics to the {@link PrometheusMeterRegistry} that
 * quarkus-micrometer-registry-prometheus registers ({@code -Dbench.registry=simple}: a {@link SimpleMeterRegistry},
 * as the figures taken before 2026-12-05 21:30 UTC were).
 */
final class OurClient implements StreamClient {

    private final Vertx vertx;
    private final StreamingHttpClient http;
    private final BedrockClient client;
    private final SdkTracerProvider tracing;
    private final BedrockOptions converse = BedrockOptions.builder().useConverse(true).build();
    private final BedrockOptions invoke = BedrockOptions.builder().useConverse(false).build();
    private final String model;

    private final String name;

    /**
     * @param http2 {@code quarkus.aws-bedrock.http2}: over the emulator's plain http endpoint, false is the default
     * @param spans whether the GenAI spans are on (quarkus-opentelemetry)
     * @param meters whether the GenAI metrics are on (quarkus-micrometer)
     */
    OurClient(URI endpoint, String model, String accessKeyId, String secretAccessKey, boolean http2, boolean spans,
            boolean meters) {
        this.model = model;
        this.name = "quarkus-bedrock " + (http2 ? "HTTP/2" : "HTTP/1.1")
                + (spans && meters ? " + OTel + Micrometer" : spans ? " + spans only" : meters ? " + meters only" : "");
        // -Dbench.loops=1 puts every stream on one event loop: no two cores sharing the meters' counters
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Integer.getInteger("bench.loops", VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)));
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withInterceptors(new NamedClientFallback())
                .withValidateUnknown(false)
                .withMapping(BedrockRuntimeConfig.class)
                // Quarkus' duration syntax of the defaults (10S, 5M)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(Map.of(
                        "quarkus.aws-bedrock.endpoint-override", endpoint.toString(),
                        "quarkus.aws-bedrock.region", "us-east-1",
                        "quarkus.aws-bedrock.credentials.access-key-id", accessKeyId,
                        "quarkus.aws-bedrock.credentials.secret-access-key", secretAccessKey,
                        "quarkus.aws-bedrock.http2", Boolean.toString(http2)), "harness", 500))
                .build();
        ClientSettings settings = new ClientSettings(BedrockRuntimeConfig.DEFAULT_CLIENT, smallRye
                .getConfigMapping(BedrockRuntimeConfig.class).clients().get(BedrockRuntimeConfig.DEFAULT_CLIENT));
        ClientConfig config = settings.config();
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.http = new StreamingHttpClient(vertx, (int) config.connectTimeout().toMillis(),
                StreamingHttpClient.usesHttp2(config.http2(), config.endpointOverride()),
                UserAgent.of(config.userAgentSuffix()));
        BedrockClient plain = new DefaultBedrockClient(settings, json,
                new CredentialsResolver(config.credentials(), AwsEnvironment.SYSTEM),
                new RegionResolver(config.region(), AwsEnvironment.SYSTEM),
                new RequestSigner(Clock.systemUTC()),
                http,
                // the family of the model under test, registered at build time in an application
                new FamilyRegistry(List.of(new AnthropicFamily())));
        TelemetryConfig on = new FixedTelemetryConfig(false, false);
        List<OperationObserver> observers = new ArrayList<>();
        if (spans) {
            this.tracing = SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build()).build();
            observers.add(new GenAiSpans(tracing.get("io.quarkiverse.bedrock"), on));
        } else {
            this.tracing = null;
        }
        if (meters) {
            MeterRegistry registry = "simple".equals(System.getProperty("bench.registry")) ? new SimpleMeterRegistry()
                    : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            observers.add(new GenAiMeters(registry, on));
        }
        this.client = observers.isEmpty() ? plain
                : new ObservedBedrockClient(plain, settings.name(), observers.toArray(OperationObserver[]::new),
                        ServerAddress.of(endpoint), request -> true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<StreamResult> stream(String prompt, boolean invokeModel) {
        CompletableFuture<StreamResult> done = new CompletableFuture<>();
        ChatRequest request = ChatRequest.builder().model(model).user(prompt).options(invokeModel ? invoke : converse)
                .build();
        Recorder r = new Recorder();
        client.stream(request).subscribe().with(chunk -> {
            if (chunk instanceof Chunk.TextDelta) {
                if (r.deltas++ == 0) {
                    r.firstNanos = System.nanoTime();
                }
            } else if (chunk instanceof Chunk.Metadata m) {
                r.requestId = m.requestId();
            }
        }, done::completeExceptionally, () -> done.complete(new StreamResult(r.requestId, r.firstNanos, r.deltas)));
        return done;
    }

    /** What one stream saw; only touched by the thread delivering its chunks. */
    private static final class Recorder {
        String requestId;
        long firstNanos;
        int deltas;
    }

    @Override
    public void close() {
        if (tracing != null) {
            tracing.close();
        }
        http.close();
        vertx.closeAndAwait();
    }
}
