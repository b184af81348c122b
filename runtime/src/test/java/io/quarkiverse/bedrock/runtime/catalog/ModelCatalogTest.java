package io.quarkiverse.bedrock.runtime.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    final ModelCatalog catalog = ModelCatalog.standard();

    @Test
    void everyEntryCitesADocumentedSource() {
        assertThat(catalog.models()).hasSizeGreaterThan(40);
        for (ModelCapabilities m : catalog.models()) {
            assertThat(catalog.sourceOf(m)).as(m.id()).startsWith("https://docs.aws.amazon.com/");
        }
    }

    @Test
    void findsModelsByIdProfileAndArn() {
        assertThat(catalog.find("anthropic.claude-3-haiku-20240307-v1:0")).get()
                .extracting(ModelCapabilities::tools, ModelCapabilities::images, ModelCapabilities::maxTokens)
                .containsExactly(true, true, 4096);
        assertThat(catalog.find("global.anthropic.claude-sonnet-4-5-20250929-v1:0")).get()
                .extracting(ModelCapabilities::reasoning).isEqualTo(true);
        assertThat(catalog.find("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0")).get()
                .extracting(ModelCapabilities::embeddingDimensions).asList().containsExactly(256, 512, 1024);
        assertThat(catalog.find("acme.unknown-model-v9")).isEmpty();
        assertThat(catalog.find("xx.anthropic.claude-3-haiku-20240307-v1:0")).isEmpty();
        assertThat(catalog.baseModelId("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc")).isEmpty();
    }

    @Test
    void novaStreamsToolsAsAwsDocumentsAndKeepsTheRecordedContraryAnswer() {
        ModelCapabilities nova = catalog.find("us.amazon.nova-lite-v1:0").orElseThrow();
        assertThat(nova.streamingTools()).isTrue();
        assertThat(catalog.sourceOf(nova)).contains("nova/latest/userguide/using-converse-api.html");
        assertThat(nova.recorded()).get().extracting(ModelCapabilities.RecordedAnswer::streamingTools).isEqualTo(false);
        assertThat(catalog.noStreamingTools()).doesNotContain("amazon.nova-lite-v1:0")
                .contains("meta.llama3-3-70b-instruct-v1:0", "mistral.mistral-large-2407-v1:0");
    }

    @Test
    void extraFilesAddAndReplaceModels(@TempDir Path dir) throws IOException {
        Path extra = dir.resolve(ModelCatalog.EXTRA_RESOURCE);
        Files.createDirectories(extra.getParent());
        Files.writeString(extra, """
                {"sources": {"mine": "https://docs.aws.amazon.com/mine"},
                 "models": [
                   {"id": "acme.model-v1:0", "source": "mine#row", "tools": true, "streamingTools": false},
                   {"id": "amazon.nova-lite-v1:0", "source": "mine#row", "tools": true, "streamingTools": false}
                 ]}
                """);
        try (URLClassLoader cl = new URLClassLoader(new URL[] { dir.toUri().toURL() }, getClass().getClassLoader())) {
            ModelCatalog extended = ModelCatalog.load(cl);
            assertThat(extended.find("acme.model-v1:0")).isPresent();
            assertThat(extended.noStreamingTools()).contains("acme.model-v1:0", "amazon.nova-lite-v1:0");
            assertThat(extended.find("anthropic.claude-3-haiku-20240307-v1:0")).isPresent();
        }
    }

    @Test
    void aBrokenFileIsNamed(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"models\": [{\"source\": \"x\"}]}");
        assertThatThrownBy(() -> ModelCatalog.empty().extendedWith(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("models[0] has no \"id\"");
        Files.writeString(bad, "not json");
        assertThatThrownBy(() -> ModelCatalog.empty().extendedWith(bad)).hasMessageContaining("not valid JSON");
    }
}
