package io.quarkiverse.bedrock.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link BedrockEmulator} for a {@code @QuarkusTest} and points the app's Bedrock client at it:
 *
 * <pre>
 * {
 *     &#64;code
 *     &#64;QuarkusTest
 *     &#64;QuarkusTestResource(BedrockEmulatorTestResource.class)
 *     class MyTest {
 *         @InjectBedrockEmulator
 *         BedrockEmulator emulator; // to script replies and inspect requests
 *     }
 * }
 * </pre>
 *
 * Sets {@code quarkus.aws-bedrock.endpoint-override}, {@code quarkus.aws-bedrock.region} and the emulator's credentials, which
 * take precedence over what Dev Services would configure.
 */
public class BedrockEmulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private BedrockEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = BedrockEmulator.create().start();
        return emulator.clientConfig();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(emulator,
                new TestInjector.AnnotatedAndMatchesType(InjectBedrockEmulator.class, BedrockEmulator.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.stop();
            emulator = null;
        }
    }
}
