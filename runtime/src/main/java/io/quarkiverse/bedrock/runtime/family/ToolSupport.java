package io.quarkiverse.bedrock.runtime.family;

import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.catalog.ModelCatalog;

/** Knows which models cannot use tools at all, and which cannot use them while streaming. */
public final class ToolSupport {

    /** Meta Llama models without tool support (Llama 2, Llama 3.0, Llama 3.2 1B and 3B). */
    private static final List<String> NO_TOOLS = List.of("meta.llama2", "meta.llama3-8b", "meta.llama3-70b",
            "meta.llama3-2-1b", "meta.llama3-2-3b");

    private final List<String> noStreamingTools;

    /**
     * @param noStreamingTools base model id prefixes that reject tools in streaming mode; empty to take them from the
     *        {@link ModelCatalog model catalogue} (the models whose entry says no streaming tool use). A model missing
     *        from both still streams, and falls back on Bedrock's own refusal.
     */
    public ToolSupport(List<String> noStreamingTools) {
        this(noStreamingTools, ModelCatalog::standard);
    }

    /**
     * @param noStreamingTools as above
     * @param catalog the catalogue to derive them from when the list is empty (read only then)
     */
    ToolSupport(List<String> noStreamingTools, Supplier<ModelCatalog> catalog) {
        this.noStreamingTools = noStreamingTools.isEmpty() ? catalog.get().noStreamingTools()
                : List.copyOf(noStreamingTools);
    }

    /** @return the base model id prefixes this falls back for */
    List<String> noStreamingTools() {
        return noStreamingTools;
    }

    /**
     * @param request a request
     * @throws InvalidRequestException when it offers tools to a model that cannot use them
     */
    public void check(ChatRequest request) {
        if (request.tools().isEmpty()) {
            return;
        }
        request.modelId().baseModel().ifPresent(base -> {
            if (NO_TOOLS.stream().anyMatch(base::startsWith)) {
                throw new InvalidRequestException("Model '" + request.modelId() + "' does not support tool use:"
                        + " remove the tools, or use a model that supports them (e.g. Llama 3.1, 3.2 11B/90B, 3.3 or 4)");
            }
        });
    }

    /**
     * @param request a request with tools
     * @return whether its model rejects tools in streaming mode, so the answer must be fetched without streaming
     */
    public boolean needsNonStreamingFallback(ChatRequest request) {
        return !request.tools().isEmpty() && request.modelId().baseModel()
                .map(base -> noStreamingTools.stream().anyMatch(base::startsWith)).orElse(false);
    }

    /**
     * @param failure a failure of a streaming call
     * @return whether it is Bedrock's refusal of tool use in streaming mode
     */
    public static boolean isStreamingToolsRejection(Throwable failure) {
        return failure instanceof io.quarkiverse.bedrock.api.error.ValidationException
                && failure.getMessage() != null && failure.getMessage().contains("support tool use in streaming mode");
    }
}
