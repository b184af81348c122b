package io.quarkiverse.bedrock.runtime.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * The Bedrock foundation models and their capabilities (tools, streaming tool use, images, documents, reasoning,
 * embedding sizes, output token limit), from AWS's "supported models and model features" table and the model pages.
 * <p>
 * The data is {@value #RESOURCE} in this extension's jar; every {@value #EXTRA_RESOURCE} on the classpath (yours) adds
 * models or replaces them by id. The client uses it to know which models cannot stream tool use; the Bedrock emulator
 * uses it to answer like Bedrock for unknown models and missing capabilities. Immutable and thread-safe.
 */
public final class ModelCatalog {

    /** The catalogue shipped with the extension. */
    public static final String RESOURCE = "META-INF/quarkus-aws-bedrock/models.json";
    /** Name of the files that extend it: models listed there are added, or replace the shipped entry of the same id. */
    public static final String EXTRA_RESOURCE = "META-INF/quarkus-aws-bedrock/models-extra.json";

    private static volatile ModelCatalog standard;

    private final Map<String, ModelCapabilities> models;
    private final Map<String, String> sources;

    private ModelCatalog(Map<String, ModelCapabilities> models, Map<String, String> sources) {
        this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** @return the shipped catalogue extended by every {@value #EXTRA_RESOURCE} of the context class loader, read once */
    public static ModelCatalog standard() {
        ModelCatalog c = standard;
        if (c == null) {
            synchronized (ModelCatalog.class) {
                c = standard;
                if (c == null) {
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    c = load(cl != null ? cl : ModelCatalog.class.getClassLoader());
                    standard = c;
                }
            }
        }
        return c;
    }

    /**
     * @param classLoader where to find {@value #RESOURCE} and {@value #EXTRA_RESOURCE}
     * @return the catalogue
     * @throws IllegalStateException when the shipped catalogue is missing
     * @throws IllegalArgumentException when a file is not a valid catalogue
     */
    public static ModelCatalog load(ClassLoader classLoader) {
        URL base = classLoader.getResource(RESOURCE);
        if (base == null) {
            base = ModelCatalog.class.getClassLoader().getResource(RESOURCE);
        }
        if (base == null) {
            throw new IllegalStateException("The Bedrock model catalogue " + RESOURCE + " is missing from the classpath");
        }
        ModelCatalog catalog = empty().extendedWith(read(base));
        try {
            Enumeration<URL> extras = classLoader.getResources(EXTRA_RESOURCE);
            while (extras.hasMoreElements()) {
                catalog = catalog.extendedWith(read(extras.nextElement()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + EXTRA_RESOURCE + " resources", e);
        }
        return catalog;
    }

    /** @return a catalogue without models */
    public static ModelCatalog empty() {
        return new ModelCatalog(Map.of(), Map.of());
    }

    /**
     * @param file a catalogue file in the {@value #RESOURCE} format
     * @return this catalogue with the file's models added (same id: replaced)
     */
    public ModelCatalog extendedWith(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return extendedWith(CatalogReader.read(in, file.toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the Bedrock model catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    private static CatalogReader.Content read(URL url) {
        try (InputStream in = url.openStream()) {
            return CatalogReader.read(in, url.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Bedrock model catalogue " + url, e);
        }
    }

    private ModelCatalog extendedWith(CatalogReader.Content content) {
        Map<String, ModelCapabilities> merged = new LinkedHashMap<>(models);
        content.models().forEach(m -> merged.put(m.id(), m));
        Map<String, String> allSources = new LinkedHashMap<>(sources);
        allSources.putAll(content.sources());
        return new ModelCatalog(merged, allSources);
    }

    /** @return every model, in file order */
    public Collection<ModelCapabilities> models() {
        return models.values();
    }

    /**
     * @param modelId a model id, an inference profile id ({@code us.anthropic...}) or a foundation-model or
     *        inference-profile ARN
     * @return the base model id ({@link ModelId#baseModel()}), or empty when the id hides the model (a provisioned,
     *         custom or prompt ARN) or is no valid model id
     */
    public Optional<String> baseModelId(String modelId) {
        try {
            return ModelId.parse(modelId).baseModel();
        } catch (InvalidRequestException e) {
            return Optional.empty();
        }
    }

    /**
     * @param modelId a model id, inference profile id or ARN (see {@link #baseModelId(String)})
     * @return the model's capabilities, or empty when the catalogue does not know it
     */
    public Optional<ModelCapabilities> find(String modelId) {
        return baseModelId(modelId).map(models::get);
    }

    /** @return the ids of the models that take tools but not in ConverseStream (AWS's "streaming tool use": no) */
    public List<String> noStreamingTools() {
        return models.values().stream().filter(m -> m.tools() && !m.streamingTools()).map(ModelCapabilities::id)
                .toList();
    }

    /**
     * @param capabilities a model of this catalogue
     * @return its documentation address: the source URL and the row or section, e.g.
     *         {@code https://docs.aws.amazon.com/...#Anthropic Claude 3}
     */
    public String sourceOf(ModelCapabilities capabilities) {
        String source = capabilities.source();
        int hash = source.indexOf('#');
        String key = hash < 0 ? source : source.substring(0, hash);
        String url = sources.get(key);
        return url == null ? source : url + (hash < 0 ? "" : " (" + source.substring(hash + 1) + ")");
    }
}
