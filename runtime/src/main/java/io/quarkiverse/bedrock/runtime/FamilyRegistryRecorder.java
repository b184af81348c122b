package io.quarkiverse.bedrock.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.spi.ModelFamily;
import io.quarkus.runtime.annotations.Recorder;

/** Builds the {@link FamilyRegistry} at run time from the family classes collected at build time. */
@Recorder
public class FamilyRegistryRecorder {

    /**
     * @param familyClasses class names of the model families, in registration order
     * @return a supplier of the registry bean
     */
    public Supplier<FamilyRegistry> registry(List<String> familyClasses) {
        return () -> {
            List<ModelFamily> families = new ArrayList<>();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (String name : familyClasses) {
                try {
                    families.add((ModelFamily) Class.forName(name, true, loader).getConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot create the Bedrock model family " + name
                            + ": it needs a public no-argument constructor", e);
                }
            }
            return new FamilyRegistry(families);
        };
    }
}
