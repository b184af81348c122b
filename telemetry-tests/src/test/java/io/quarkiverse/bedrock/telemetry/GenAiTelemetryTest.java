package io.quarkiverse.bedrock.telemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.EmulatorCredentials;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkus.test.QuarkusUnitTest;

/** Spans and metrics of real calls to the emulator, read back from the OTel SDK and a Micrometer registry. */
class GenAiTelemetryTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String OTHER_MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
    static final String PROMPT = "Tell me about the forest at night";
    /** Answers every request of the client named "throttled" with a ThrottlingException. */
    static final BedrockEmulator THROTTLING = BedrockEmulator
            .create(EmulatorOptions.defaults().withFault(Fault.THROTTLING)).start();

    // the default client talks to the Dev Services emulator; the test reads its port from the configuration, because
    // QuarkusUnitTest loads this class twice (a static emulator of the test instance is not the configured one)
    @RegisterExtension
    static final QuarkusUnitTest TEST = named("throttled", THROTTLING, devServices(TestExporters.app()
            .overrideConfigKey("quarkus.aws-bedrock.throttled.retry.throttling-base-backoff", "20ms")));

    /** The Dev Services emulator, 12 tokens per answer, 5 ms apart, whatever credentials the build machine has. */
    static QuarkusUnitTest devServices(QuarkusUnitTest test) {
        return test.overrideConfigKey("quarkus.aws-bedrock.devservices.ignore-ambient-credentials", "true")
                .overrideConfigKey("quarkus.aws-bedrock.devservices.tokens", "12")
                .overrideConfigKey("quarkus.aws-bedrock.devservices.inter-token-delay", "5ms");
    }

    /** Points the named client at the emulator. */
    static QuarkusUnitTest named(String name, BedrockEmulator emulator, QuarkusUnitTest test) {
        emulator.clientConfig().forEach((key, value) -> test.overrideConfigKey(
                key.replace("quarkus.aws-bedrock.", "quarkus.aws-bedrock." + name + "."), value));
        return test;
    }

    /** @return the count of the timer, 0 when it does not exist yet */
    static long count(MeterRegistry meters, String name, String... tags) {
        Timer timer = meters.find(name).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    @Inject
    BedrockClient client;

    @Inject
    @Bedrock("throttled")
    BedrockClient throttled;

    @ConfigProperty(name = "quarkus.aws-bedrock.endpoint-override")
    URI endpoint;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        spans.reset();
    }

    @AfterAll
    static void stop() {
        THROTTLING.stop();
    }

    @Test
    void chatSpanFollowsTheGenAiConventions() {
        ChatResponse answer = client.chat(ChatRequest.builder().model(OTHER_MODEL).system("Be brief").user(PROMPT)
                .maxTokens(200).temperature(0.3).topP(0.9).stopSequences(List.of("END")).build())
                .await().atMost(Duration.ofSeconds(30));

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(span.getName()).isEqualTo("chat " + OTHER_MODEL);
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        var a = span.getAttributes();
        assertThat(a.get(stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(a.get(stringKey("gen_ai.provider.name"))).isEqualTo("aws.bedrock");
        assertThat(a.get(stringKey("gen_ai.request.model"))).isEqualTo(OTHER_MODEL);
        assertThat(a.get(booleanKey("gen_ai.request.stream"))).isFalse();
        assertThat(a.get(longKey("gen_ai.request.max_tokens"))).isEqualTo(200L);
        assertThat(a.get(doubleKey("gen_ai.request.temperature"))).isEqualTo(0.3);
        assertThat(a.get(doubleKey("gen_ai.request.top_p"))).isEqualTo(0.9);
        assertThat(a.get(stringArrayKey("gen_ai.request.stop_sequences"))).containsExactly("END");
        assertThat(a.get(stringKey("gen_ai.response.id"))).isNotBlank().isEqualTo(answer.requestId());
        assertThat(a.get(stringKey("gen_ai.response.model"))).isEqualTo(answer.modelId());
        assertThat(a.get(stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly(answer.stopReason().wireName());
        assertThat(a.get(longKey("gen_ai.usage.input_tokens"))).isEqualTo((long) answer.usage().inputTokens())
                .isPositive();
        assertThat(a.get(longKey("gen_ai.usage.output_tokens"))).isEqualTo(12L);
        assertThat(a.get(stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(a.get(longKey("server.port"))).isEqualTo((long) endpoint.getPort());
        assertThat(a.get(stringKey("bedrock.client.api"))).isEqualTo("invoke"); // Claude goes native by default
        assertThat(a.get(stringKey("error.type"))).isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        // no content without the opt-in, and never a credential
        assertThat(a.asMap().values()).allSatisfy(v -> assertThat(String.valueOf(v))
                .doesNotContain(PROMPT).doesNotContain("Be brief").doesNotContain(answer.text())
                .doesNotContain(EmulatorCredentials.SECRET_ACCESS_KEY));

        // this test is the only one using this model: its meters hold this call alone
        Timer duration = meters.get("gen_ai.client.operation.duration").tag("gen_ai.operation.name", "chat")
                .tag("gen_ai.request.model", OTHER_MODEL).tag("error.type", "none").timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.request.model", OTHER_MODEL)
                .tag("gen_ai.token.type", "input").summary().totalAmount())
                .isEqualTo((double) answer.usage().inputTokens());
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.request.model", OTHER_MODEL)
                .tag("gen_ai.token.type", "output").summary().totalAmount()).isEqualTo(12.0);
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.request.model", OTHER_MODEL)
                .tag("gen_ai.token.type", "output").tag("gen_ai.provider.name", "aws.bedrock")
                .tag("bedrock.client.name", "<default>").tag("server.address", "127.0.0.1").summary().count())
                .isEqualTo(1);
    }

    @Test
    void streamSpanHasTimeToFirstChunkAndTheStreamsUsage() {
        long firstBefore = count(meters, "gen_ai.client.operation.time_to_first_chunk", "gen_ai.request.model", MODEL);
        long perChunkBefore = count(meters, "gen_ai.client.operation.time_per_output_chunk", "gen_ai.request.model",
                MODEL);
        List<Chunk> chunks = client.stream(ChatRequest.builder().model(MODEL).user(PROMPT).build())
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        Usage usage = chunks.stream().filter(c -> c instanceof Chunk.UsageChunk).map(c -> ((Chunk.UsageChunk) c).usage())
                .findFirst().orElseThrow();
        String requestId = chunks.stream().filter(c -> c instanceof Chunk.Metadata)
                .map(c -> ((Chunk.Metadata) c).requestId()).findFirst().orElseThrow();
        long outputChunks = chunks.stream().filter(c -> c instanceof Chunk.TextDelta).count();

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        var a = span.getAttributes();
        assertThat(a.get(booleanKey("gen_ai.request.stream"))).isTrue();
        assertThat(a.get(stringKey("bedrock.client.api"))).isEqualTo("invoke-with-response-stream");
        assertThat(a.get(stringKey("gen_ai.response.id"))).isEqualTo(requestId);
        assertThat(a.get(longKey("gen_ai.usage.input_tokens"))).isEqualTo((long) usage.inputTokens());
        assertThat(a.get(longKey("gen_ai.usage.output_tokens"))).isEqualTo((long) usage.outputTokens()).isEqualTo(12L);
        double ttfc = a.get(doubleKey("gen_ai.response.time_to_first_chunk"));
        double total = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9;
        assertThat(ttfc).isPositive().isLessThan(total);
        // no content without the opt-in (RecordContentTest has it on)
        assertThat(a.get(stringKey("gen_ai.output.messages"))).isNull();
        assertThat(a.get(stringKey("gen_ai.input.messages"))).isNull();

        assertThat(count(meters, "gen_ai.client.operation.time_to_first_chunk", "gen_ai.request.model", MODEL))
                .isEqualTo(firstBefore + 1);
        assertThat(count(meters, "gen_ai.client.operation.time_per_output_chunk", "gen_ai.request.model", MODEL))
                .isEqualTo(perChunkBefore + outputChunks - 1);
        assertThat(meters.get("bedrock.client.streams.active").gauge().value()).isZero();
    }

    @Test
    void cancelledStreamEndsItsSpanAsCancelled() {
        long before = count(meters, "gen_ai.client.operation.duration", "error.type", "cancelled");
        List<Chunk> firstTwo = client.stream(ChatRequest.builder().model(MODEL).user(PROMPT).build())
                .select().first(2).collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(firstTwo).hasSize(2);

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(span.getAttributes().get(stringKey("error.type"))).isEqualTo("cancelled");
        assertThat(span.getEvents()).extracting(e -> e.getName()).contains("cancelled");
        assertThat(span.getAttributes().get(longKey("gen_ai.usage.output_tokens"))).isNull();
        assertThat(count(meters, "gen_ai.client.operation.duration", "error.type", "cancelled")).isEqualTo(before + 1);
        assertThat(meters.get("bedrock.client.streams.active").gauge().value()).isZero();
    }

    @Test
    void throttledCallRecordsTheErrorType() {
        assertThatThrownBy(() -> throttled.chat(ChatRequest.builder().model(MODEL).user(PROMPT).build())
                .await().atMost(Duration.ofSeconds(30))).isInstanceOf(ThrottlingException.class);

        SpanData span = TestExporters.awaitSpans(spans, 1, s -> true).get(0);
        assertThat(span.getAttributes().get(stringKey("error.type"))).isEqualTo("ThrottlingException");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEmpty();
        assertThat(span.getAttributes().get(stringKey("bedrock.client.name"))).isEqualTo("throttled");
        assertThat(meters.get("gen_ai.client.operation.duration").tag("error.type", "ThrottlingException").timer()
                .count()).isEqualTo(1);
        // three attempts (retry.max-attempts), each throttled
        assertThat(span.getEvents()).filteredOn(e -> e.getName().equals("gen_ai.client.retry")).hasSize(2);
        assertThat(meters.get("bedrock.client.throttles").tag("gen_ai.request.model", MODEL)
                .tag("bedrock.client.name", "throttled").counter().count()).isEqualTo(3);
        assertThat(meters.get("bedrock.client.retries").tag("gen_ai.request.model", MODEL)
                .tag("bedrock.client.name", "throttled").tag("error.type", "ThrottlingException").counter().count())
                .isEqualTo(2);
    }

    @Test
    void embeddingsAndCountTokensHaveTheirOwnOperationNames() {
        EmbedResponse vectors = client.embed(EmbedRequest.builder().model("amazon.titan-embed-text-v2:0")
                .text("one").build()).await().atMost(Duration.ofSeconds(30));
        int counted = client.countTokens(ChatRequest.builder().model(MODEL).user(PROMPT).build())
                .await().atMost(Duration.ofSeconds(30));

        List<SpanData> found = TestExporters.awaitSpans(spans, 2, s -> true);
        SpanData embed = found.stream().filter(s -> s.getName().startsWith("embeddings ")).findFirst().orElseThrow();
        assertThat(embed.getName()).isEqualTo("embeddings amazon.titan-embed-text-v2:0");
        assertThat(embed.getAttributes().get(longKey("gen_ai.usage.input_tokens")))
                .isEqualTo((long) vectors.inputTokens());
        assertThat(embed.getAttributes().get(booleanKey("gen_ai.request.stream"))).isNull();
        SpanData count = found.stream().filter(s -> s.getName().startsWith("count_tokens ")).findFirst().orElseThrow();
        // counting consumes no tokens: the count is not usage
        assertThat(count.getAttributes().get(longKey("bedrock.client.counted_tokens"))).isEqualTo((long) counted);
        assertThat(count.getAttributes().get(longKey("gen_ai.usage.input_tokens"))).isNull();
        assertThat(meters.find("gen_ai.client.token.usage").tag("gen_ai.operation.name", "count_tokens").meters())
                .isEmpty();
        assertThat(meters.get("gen_ai.client.operation.duration").tag("gen_ai.operation.name", "count_tokens")
                .timer().count()).isPositive();
    }
}
