package io.quarkiverse.bedrock.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockClients;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkus.test.QuarkusUnitTest;

/** With quarkus.aws-bedrock.telemetry.enabled=false, OTel and Micrometer present record nothing of Bedrock. */
class TelemetryDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = GenAiTelemetryTest.devServices(TestExporters.app(GenAiTelemetryTest.class)
            .overrideConfigKey("quarkus.aws-bedrock.telemetry.enabled", "false"));

    @Inject
    BedrockClient client;

    @Inject
    BedrockClients clients;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    MeterRegistry meters;

    @Test
    void noSpanAndNoMeter() throws InterruptedException {
        client.chat(ChatRequest.builder().model(GenAiTelemetryTest.MODEL).user("hi").build())
                .await().atMost(Duration.ofSeconds(30));
        client.stream(ChatRequest.builder().model(GenAiTelemetryTest.MODEL).user("hi").build())
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        Thread.sleep(200); // twenty batch-processor delays: a span would have been exported by now
        // the exporter works: the HTTP client's own spans of these calls are there
        assertThat(spans.getFinishedSpanItems()).isNotEmpty();
        assertThat(spans.getFinishedSpanItems())
                .noneMatch(s -> s.getInstrumentationScopeInfo().getName().equals("io.quarkiverse.bedrock"));
        assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("gen_ai.")
                || m.getId().getName().startsWith("bedrock."));
        // the telemetry group is not mistaken for a named client called "telemetry"
        assertThat(clients.configuredNames()).doesNotContain("telemetry");
    }
}
