package io.quarkiverse.bedrock.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The rule on stand-in declarations: a real module-wide {@code @QuarkusTestResource(BedrockEmulatorTestResource.class)}
 * here would start an emulator for every dev-mode test of this module.
 */
class EmulatorTestResourcesTest {

    private static final DotName RESOURCE = DotName.createSimple(NoOpResource.class);

    /** Does nothing: stands for the emulator test resource. */
    public static class NoOpResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    @QuarkusTestResource(NoOpResource.class)
    static class ModuleWide {
    }

    @QuarkusTestResource(value = NoOpResource.class, restrictToAnnotatedClass = true)
    static class Restricted {
    }

    static class None {
    }

    @QuarkusTestResource(NoOpResource.class)
    @QuarkusTestResource(value = NoOpResource.class, restrictToAnnotatedClass = true)
    static class Repeated {
    }

    @Test
    void aModuleWideDeclarationReplacesDevServices() throws IOException {
        assertThat(EmulatorTestResources.declaredOn(Index.of(ModuleWide.class, None.class), RESOURCE))
                .hasValue(ModuleWide.class.getName());
    }

    @Test
    void aRestrictedOneOrNoneLeavesDevServicesOn() throws IOException {
        assertThat(EmulatorTestResources.declaredOn(Index.of(Restricted.class, None.class), RESOURCE)).isEmpty();
    }

    @Test
    void repeatedDeclarationsAreFound() throws IOException {
        assertThat(EmulatorTestResources.declaredOn(Index.of(Repeated.class), RESOURCE)).hasValue(Repeated.class.getName());
    }
}
