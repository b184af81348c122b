package io.quarkiverse.bedrock.deployment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.NameIterator;
import io.smallrye.config.PropertyName;

/**
 * The client names a configuration holds, found at build time (when the run-time mapping cannot be read yet) by
 * matching property names against the properties of {@link BedrockRuntimeConfig} itself: a new client setting needs no
 * change here.
 */
final class ConfiguredClients {

    private static final String ROOT = "quarkus.aws-bedrock.";
    /** {@code quarkus.aws-bedrock.*.<setting>}: each property of a named client, as the mapping declares it. */
    private static final List<PropertyName> NAMED_PROPERTIES = ConfigMappings
            .getProperties(ConfigClass.configClass(BedrockRuntimeConfig.class, "quarkus.aws-bedrock")).keySet().stream()
            .filter(name -> name.startsWith(ROOT + "*."))
            .map(PropertyName::new)
            .toList();

    private ConfiguredClients() {
    }

    /**
     * @param propertyNames the configuration's property names (profiled ones included)
     * @return the names of the clients they configure ({@code quarkus.aws-bedrock."name".*})
     */
    static Set<String> names(Iterable<String> propertyNames) {
        Set<String> names = new TreeSet<>();
        for (String property : propertyNames) {
            String plain = PropertyName.unprofiled(property).getName();
            if (!plain.startsWith(ROOT)) {
                continue;
            }
            PropertyName name = new PropertyName(plain);
            if (NAMED_PROPERTIES.stream().anyMatch(name::equals)) {
                NameIterator segments = new NameIterator(plain);
                segments.next();
                segments.next();
                names.add(segments.getNextSegment());
            }
        }
        return names;
    }
}
