package io.quarkiverse.bedrock.runtime.family;

import java.util.List;
import java.util.Optional;

import io.quarkiverse.bedrock.spi.ModelFamily;

/** The model families known to this application, collected at build time, in registration order. */
public final class FamilyRegistry {

    private final List<ModelFamily> families;

    /** @param families the registered families */
    public FamilyRegistry(List<ModelFamily> families) {
        this.families = List.copyOf(families);
    }

    /**
     * @param model a request's model
     * @return the family class serving it: the first registered for its family that {@link ModelFamily#supports
     *         supports} the model natively, else the first registered for its family (its Converse adjustments still
     *         apply); empty when none is registered
     */
    public Optional<ModelFamily> find(ResolvedModel model) {
        List<ModelFamily> named = model.family().map(name -> families.stream().filter(f -> f.name().equals(name))
                .toList()).orElse(List.of());
        return named.stream().filter(f -> f.supports(model.id())).findFirst().or(() -> named.stream().findFirst());
    }

    /** @return the registered families */
    public List<ModelFamily> families() {
        return families;
    }
}
