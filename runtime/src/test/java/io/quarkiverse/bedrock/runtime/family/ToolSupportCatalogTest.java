package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.runtime.catalog.ModelCatalog;

class ToolSupportCatalogTest {

    static ChatRequest withTool(String model) {
        return ChatRequest.builder().model(model).user("hi")
                .tool(new Tool("weather", "Weather of a city", new ObjectMapper().createObjectNode().put("type", "object")))
                .build();
    }

    @Test
    void anEmptyListIsDerivedFromTheCatalogue() {
        ToolSupport support = new ToolSupport(List.of());
        assertThat(support.noStreamingTools()).isEqualTo(ModelCatalog.standard().noStreamingTools());
        assertThat(support.needsNonStreamingFallback(withTool("us.meta.llama3-3-70b-instruct-v1:0"))).isTrue();
        assertThat(support.needsNonStreamingFallback(withTool("mistral.mistral-large-2407-v1:0"))).isTrue();
        // AWS documents streaming tool use for Nova: it is not silently degraded
        assertThat(support.needsNonStreamingFallback(withTool("us.amazon.nova-lite-v1:0"))).isFalse();
        // unknown models try streaming; Bedrock's own refusal still triggers the fallback
        assertThat(support.needsNonStreamingFallback(withTool("acme.unknown-model-v9"))).isFalse();
    }

    @Test
    void aConfiguredListWinsAndTheCatalogueIsNotRead() {
        AtomicInteger reads = new AtomicInteger();
        ToolSupport support = new ToolSupport(List.of("amazon.nova"), () -> {
            reads.incrementAndGet();
            return ModelCatalog.standard();
        });
        assertThat(reads).hasValue(0);
        assertThat(support.needsNonStreamingFallback(withTool("us.amazon.nova-lite-v1:0"))).isTrue();
        assertThat(support.needsNonStreamingFallback(withTool("us.meta.llama3-3-70b-instruct-v1:0"))).isFalse();
    }
}
