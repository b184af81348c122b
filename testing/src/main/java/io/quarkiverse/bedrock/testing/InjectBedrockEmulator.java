package io.quarkiverse.bedrock.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link BedrockEmulator} field of a {@code @QuarkusTest} that {@link BedrockEmulatorTestResource} fills with
 * the running emulator.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectBedrockEmulator {
}
