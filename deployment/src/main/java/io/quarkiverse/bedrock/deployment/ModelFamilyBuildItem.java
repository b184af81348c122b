package io.quarkiverse.bedrock.deployment;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * Registers a model family: an {@link io.quarkiverse.bedrock.spi.ModelFamily} implementation. Produce one from any
 * extension's build step to add a family; its class is also registered for reflection (native image). Families are
 * asked in registration order.
 */
public final class ModelFamilyBuildItem extends MultiBuildItem {

    private final String className;

    /** @param className the family's class name; it needs a public no-argument constructor */
    public ModelFamilyBuildItem(String className) {
        this.className = className;
    }

    /** @return the family's class name */
    public String getClassName() {
        return className;
    }
}
