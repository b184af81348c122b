package io.quarkiverse.bedrock.testing;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.config.CredentialsConfig;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import io.quarkiverse.bedrock.runtime.speech.SpeechClient;
import io.vertx.core.Vertx;

/** Our speech client pointed at an emulator, credentials given per session through the options. */
final class SpeechClients {

    private SpeechClients() {
    }

    static SpeechClient create(Vertx vertx, BedrockEmulator emulator) {
        // a configuration with nothing set: the session's options carry the keys
        CredentialsConfig none = (CredentialsConfig) Proxy.newProxyInstance(
                SpeechClients.class.getClassLoader(), new Class<?>[] { CredentialsConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "type" -> CredentialsType.DEFAULT;
                    case "toString" -> "none";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> Optional.empty();
                });
        AwsEnvironment env = AwsEnvironment.of(Map.of(), Map.of());
        return new SpeechClient(vertx, new CredentialsResolver(none, env), new RegionResolver(Optional.of("us-east-1"), env),
                Optional.of(emulator.endpoint()), Duration.ofSeconds(5), Clock.systemUTC());
    }

    static BedrockOptions keys() {
        return BedrockOptions.builder().accessKeyId(EmulatorCredentials.ACCESS_KEY_ID)
                .secretAccessKey(EmulatorCredentials.SECRET_ACCESS_KEY).build();
    }
}
