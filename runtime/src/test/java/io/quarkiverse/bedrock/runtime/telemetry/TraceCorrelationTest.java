package io.quarkiverse.bedrock.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.telemetry.otel.GenAiSpans;
import io.smallrye.mutiny.Uni;

/** The trace id goes into requestMetadata only with the opt-in; requestMetadata is a request option either way. */
class TraceCorrelationTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final Capturing delegate = new Capturing();

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void withTheOptInTheRequestCarriesTheSpansTraceId() {
        BedrockClient client = observed(true);
        client.chat(request(BedrockOptions.builder().requestMetadata(Map.of("tenant", "acme")).build())).await()
                .indefinitely();

        String traceId = exporter.getFinishedSpanItems().get(0).getTraceId();
        assertThat(delegate.requests.get(0).options().requestMetadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "acme", "trace_id", traceId));
        // the other options are kept
        assertThat(delegate.requests.get(0).options().useConverse()).hasValue(true);
    }

    @Test
    void withoutTheOptInTheRequestIsUnchanged() {
        ChatRequest request = request(BedrockOptions.builder().requestMetadata(Map.of("tenant", "acme")).build());
        observed(false).chat(request).await().indefinitely();
        assertThat(delegate.requests.get(0)).isSameAs(request);
    }

    @Test
    void requestMetadataIsWrittenIntoTheConverseBody() {
        ChatRequest request = request(BedrockOptions.fromMap(Map.of("request_metadata", Map.of("tenant", "acme"))));
        ApiRouter router = new ApiRouter(new FamilyRegistry(List.of()));
        ConverseFormatter converse = new ConverseFormatter(new ObjectMapper());
        JsonNode body = converse.requestBody(request, router.route(request));
        assertThat(body.path("requestMetadata").path("tenant").asText()).isEqualTo("acme");
        ChatRequest plain = request(BedrockOptions.NONE);
        assertThat(converse.requestBody(plain, router.route(plain)).has("requestMetadata")).isFalse();
    }

    @Test
    void badMetadataIsATypedError() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThatThrownBy(() -> BedrockOptions.builder().requestMetadata(tooMany).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 16");
        assertThatThrownBy(() -> BedrockOptions.fromMap(Map.of("request_metadata", Map.of("n", 3))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'n' is not a string");
    }

    private BedrockClient observed(boolean traceIdInRequestMetadata) {
        TelemetryConfig config = new FixedTelemetryConfig(false, traceIdInRequestMetadata);
        return new ObservedBedrockClient(delegate, "<default>",
                new OperationObserver[] { new GenAiSpans(provider.get("test"), config) },
                ServerAddress.UNKNOWN, r -> true, traceIdInRequestMetadata);
    }

    private static ChatRequest request(BedrockOptions options) {
        return ChatRequest.builder().model("amazon.nova-lite-v1:0").user("hi")
                .options(options.toBuilder().useConverse(true).build()).build();
    }

    /** Records the requests it gets and answers a fixed response. */
    private static final class Capturing extends UnsupportedBedrockClient {
        final List<ChatRequest> requests = new ArrayList<>();

        @Override
        public Uni<ChatResponse> chat(ChatRequest request) {
            requests.add(request);
            return Uni.createFrom().item(new ChatResponse(Message.assistant("hello"), StopReason.END_TURN,
                    new Usage(1, 1, 2, 0, 0), request.modelId().value(), "req-1"));
        }
    }
}
