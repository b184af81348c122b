package io.quarkiverse.bedrock.runtime;

import java.util.function.Function;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;

/** Creates the {@code BedrockClient} beans: each one is the registry's client of its name. */
@Recorder
public class BedrockClientRecorder {

    /**
     * @param name the client name ({@code <default>} for the default client)
     * @return the bean's creation function
     */
    public Function<SyntheticCreationalContext<BedrockClient>, BedrockClient> client(String name) {
        return context -> context.getInjectedReference(BedrockClientRegistry.class).get(name);
    }
}
