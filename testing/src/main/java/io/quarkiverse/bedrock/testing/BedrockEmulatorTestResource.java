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
 * Init arguments set the emulator's options ({@link EmulatorOptions#withSettings(Map)}), e.g. a lenient mock:
 * {@code @QuarkusTestResource(value = BedrockEmulatorTestResource.class, initArgs = @ResourceArg(name = "strict", value = "false"))}.
 * <p>
 * Sets {@code quarkus.aws-bedrock.endpoint-override}, {@code quarkus.aws-bedrock.region} and the emulator's credentials, which
 * take precedence over what Dev Services would configure.
 */
public class BedrockEmulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private BedrockEmulator emulator;
    private EmulatorOptions options = EmulatorOptions.defaults();

    /** @param initArgs emulator settings such as {@code strict=false}, {@code tokens=50}, {@code fault=throttling} */
    @Override
    public void init(Map<String, String> initArgs) {
        options = EmulatorOptions.defaults().withSettings(initArgs);
    }

    @Override
    public Map<String, String> start() {
        emulator = BedrockEmulator.create(options).start();
        return emulator.clientConfig();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(emulator,
                new TestInjector.AnnotatedAndMatchesType(InjectBedrockEmulator.class, BedrockEmulator.class));
    }

    /** @return the running emulator, or null */
    BedrockEmulator emulator() {
        return emulator;
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.stop();
            emulator = null;
        }
    }
}
