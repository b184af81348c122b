package io.quarkiverse.bedrock.deployment;

import io.quarkiverse.bedrock.spi.NativeFormatter;
import io.quarkus.builder.item.MultiBuildItem;

/**
 * Registers a {@link io.quarkiverse.bedrock.spi.NativeFormatter} implementation. Produce one from any extension's
 * build step to add a model family; the formatter's class is also registered for reflection (native image).
 */
public final class NativeFormatterBuildItem extends MultiBuildItem {

    private final String className;

    /** @param className the formatter's class name; it needs a public no-argument constructor */
    public NativeFormatterBuildItem(String className) {
        this.className = className;
    }

    /** @return the formatter's class name */
    public String getClassName() {
        return className;
    }
}
