package io.quarkiverse.bedrock.runtime.family;

import java.util.List;
import java.util.Optional;

import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.spi.NativeFormatter;

/** The native formatters known to this application, collected at build time. */
public final class FamilyRegistry {

    private final List<NativeFormatter> formatters;

    /** @param formatters the registered formatters */
    public FamilyRegistry(List<NativeFormatter> formatters) {
        this.formatters = List.copyOf(formatters);
    }

    /**
     * @param family a family, e.g. {@code anthropic}
     * @param modelId the model id
     * @return the formatter serving that model natively, if any
     */
    public Optional<NativeFormatter> find(String family, ModelId modelId) {
        return formatters.stream().filter(f -> f.family().equals(family) && f.supports(modelId)).findFirst();
    }

    /** @return the registered formatters */
    public List<NativeFormatter> formatters() {
        return formatters;
    }
}
