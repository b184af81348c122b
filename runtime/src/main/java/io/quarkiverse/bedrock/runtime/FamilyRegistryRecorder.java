package io.quarkiverse.bedrock.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.spi.NativeFormatter;
import io.quarkus.runtime.annotations.Recorder;

/** Builds the {@link FamilyRegistry} at run time from the formatter classes collected at build time. */
@Recorder
public class FamilyRegistryRecorder {

    /**
     * @param formatterClasses class names of the native formatters, in registration order
     * @return a supplier of the registry bean
     */
    public Supplier<FamilyRegistry> registry(List<String> formatterClasses) {
        return () -> {
            List<NativeFormatter> formatters = new ArrayList<>();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (String name : formatterClasses) {
                try {
                    formatters.add((NativeFormatter) Class.forName(name, true, loader).getConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot create the Bedrock native formatter " + name
                            + ": it needs a public no-argument constructor", e);
                }
            }
            return new FamilyRegistry(formatters);
        };
    }
}
