package io.quarkiverse.bedrock.deployment.devservices;

import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * Finds a test that starts its own emulator with {@code @QuarkusTestResource(BedrockEmulatorTestResource.class)}: its
 * configuration replaces Dev Services' for every test of the module, but it is only seen once the application runs, so
 * Dev Services would otherwise start a second emulator that nothing calls.
 */
final class EmulatorTestResources {

    private static final DotName QUARKUS_TEST_RESOURCE = DotName.createSimple("io.quarkus.test.common.QuarkusTestResource");
    /** The container of repeated declarations: the annotation class itself may not be indexed to resolve them. */
    private static final DotName QUARKUS_TEST_RESOURCES = DotName
            .createSimple("io.quarkus.test.common.QuarkusTestResource$List");
    private static final DotName TEST_RESOURCE = DotName
            .createSimple("io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource");

    private EmulatorTestResources() {
    }

    /**
     * @param index the application's classes (the tests' included, in test mode)
     * @return the test class declaring the emulator test resource for the whole module, if there is one
     */
    static Optional<String> declaredOn(IndexView index) {
        return declaredOn(index, TEST_RESOURCE);
    }

    /**
     * @param index the application's classes
     * @param resource the test resource class to look for
     * @return the test class declaring it for the whole module, if there is one
     */
    static Optional<String> declaredOn(IndexView index, DotName resource) {
        Stream<Declaration> single = index.getAnnotations(QUARKUS_TEST_RESOURCE).stream()
                .filter(a -> a.target() != null)
                .map(a -> new Declaration(a, a.target().asClass().name().toString()));
        Stream<Declaration> repeated = index.getAnnotations(QUARKUS_TEST_RESOURCES).stream()
                .flatMap(list -> Stream.of(list.value().asNestedArray())
                        .map(a -> new Declaration(a, list.target().asClass().name().toString())));
        return Stream.concat(single, repeated)
                .filter(d -> d.annotation().value() != null
                        && resource.equals(d.annotation().value().asClass().name()))
                .filter(d -> !restricted(d.annotation().value("restrictToAnnotatedClass")))
                .map(Declaration::testClass)
                .sorted().findFirst();
    }

    /** A declaration and the test class carrying it. */
    private record Declaration(AnnotationInstance annotation, String testClass) {
    }

    private static boolean restricted(AnnotationValue restrict) {
        return restrict != null && restrict.asBoolean();
    }
}
