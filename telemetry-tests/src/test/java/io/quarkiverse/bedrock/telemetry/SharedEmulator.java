package io.quarkiverse.bedrock.telemetry;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An emulator that the test instance can drive although {@code QuarkusUnitTest} loads the test class twice (once by
 * JUnit, once in the application's class loader, where this class and the emulator's are other classes): the first
 * loading starts it and publishes JDK-typed handles in the system properties; the second finds them there.
 *
 * @param config the {@code quarkus.aws-bedrock.*} settings of a client pointing at it
 * @param throttleNext {@link BedrockEmulator#throttleNext(int)}
 * @param lastHeader a header of the last request received (null when absent)
 * @param reset {@link BedrockEmulator#reset()}
 * @param stop {@link BedrockEmulator#stop()}
 * @param enqueueToolCall scripts the next answer: a call of the named tool with the JSON input
 */
record SharedEmulator(Map<String, String> config, IntConsumer throttleNext, Function<String, String> lastHeader,
        Runnable reset, Runnable stop, BiConsumer<String, String> enqueueToolCall) {

    @SuppressWarnings("unchecked")
    static SharedEmulator named(String key) {
        List<Object> handles = (List<Object>) System.getProperties().computeIfAbsent("bedrock.test.emulator." + key,
                k -> start());
        return new SharedEmulator((Map<String, String>) handles.get(0), (IntConsumer) handles.get(1),
                (Function<String, String>) handles.get(2), (Runnable) handles.get(3), (Runnable) handles.get(4),
                (BiConsumer<String, String>) handles.get(5));
    }

    /** @param test a test @return the test, its default client pointed at this emulator */
    QuarkusUnitTest forDefaultClient(QuarkusUnitTest test) {
        config.forEach(test::overrideConfigKey);
        return test;
    }

    private static List<Object> start() {
        BedrockEmulator emulator = BedrockEmulator.create(EmulatorOptions.defaults().withTokens(6)).start();
        IntConsumer throttle = emulator::throttleNext;
        Function<String, String> header = name -> emulator.lastRequest().header(name);
        Runnable reset = emulator::reset;
        Runnable stop = emulator::stop;
        BiConsumer<String, String> toolCall = (name, input) -> emulator.enqueue(Reply.toolCall(name, input));
        return List.of(Map.copyOf(emulator.clientConfig()), throttle, header, reset, stop, toolCall);
    }
}
