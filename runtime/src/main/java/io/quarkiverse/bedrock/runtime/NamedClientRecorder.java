package io.quarkiverse.bedrock.runtime;

import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.runtime.config.BedrockConfig;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.mutiny.core.Vertx;

/** Creates the named {@code @Bedrock("name") BedrockClient} beans found at build time. */
@Recorder
public class NamedClientRecorder {

    /**
     * @param name the client name
     * @return the bean's creation function
     */
    public Function<SyntheticCreationalContext<BedrockClient>, BedrockClient> client(String name) {
        return context -> {
            BedrockConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                    .getConfigMapping(BedrockConfig.class);
            ClientConfig client = ClientConfig.ofNamed(config, name);
            BedrockConfigValidator.validate(client);
            return BedrockClientFactory.create(client, context.getInjectedReference(BedrockKeyStore.class),
                    context.getInjectedReference(Vertx.class), context.getInjectedReference(FamilyRegistry.class));
        };
    }
}
