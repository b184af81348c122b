package io.quarkiverse.bedrock.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.deployment.ModelFamilyBuildItem;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Native image: no GraalVM here, so this checks the nearest real thing, the reflection registrations the build
 * produces for the types Jackson (de)serialises and for every registered native formatter.
 */
class NativeReflectionTest {

    // the build step runs in the deployment class loader, the test in the application's: hand over through properties
    private static final String REGISTERED = "bedrock.test.reflection.registered";
    private static final String FORMATTERS = "bedrock.test.reflection.formatters";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    Set<String> registered = new TreeSet<>();
                    for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
                        registered.addAll(item.getClassNames());
                    }
                    Set<String> formatters = new TreeSet<>();
                    for (ModelFamilyBuildItem item : context.consumeMulti(ModelFamilyBuildItem.class)) {
                        formatters.add(item.getClassName());
                    }
                    System.setProperty(REGISTERED, String.join(",", registered));
                    System.setProperty(FORMATTERS, String.join(",", formatters));
                    context.produce(new FeatureBuildItem("bedrock-reflection-check"));
                }
            }).consumes(ReflectiveClassBuildItem.class).consumes(ModelFamilyBuildItem.class)
                    .produces(FeatureBuildItem.class).build());

    private static Set<String> names(String property) {
        String value = System.getProperty(property, "");
        return value.isEmpty() ? Set.of() : Set.of(value.split(","));
    }

    @Test
    void publicTypesThatApplicationsSerialiseAreRegistered() {
        Set<String> registered = names(REGISTERED);
        assertThat(registered).contains(ChatResponse.class.getName(), Usage.class.getName(), StopReason.class.getName(),
                BedrockOptions.class.getName());
        for (Class<?> sealed : List.of(Chunk.class, ContentBlock.class)) {
            for (Class<?> permitted : sealed.getPermittedSubclasses()) {
                assertThat(registered).as(sealed.getSimpleName() + " subtype").contains(permitted.getName());
            }
        }
    }

    @Test
    void everyModelFamilyIsRegisteredForReflection() {
        assertThat(names(FORMATTERS)).as("the extension's own formatters").isNotEmpty();
        assertThat(names(REGISTERED)).containsAll(names(FORMATTERS));
    }
}
