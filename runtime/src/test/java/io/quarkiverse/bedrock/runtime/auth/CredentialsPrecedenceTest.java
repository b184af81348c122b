package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import io.quarkiverse.bedrock.spi.BedrockKey;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The credential resolution order, each source alone and each pair: options, key store, configured API key,
 * configured static keys, {@code AWS_BEARER_TOKEN_BEDROCK}, AWS default chain. The first present source must win, and
 * no lower source may be consulted.
 */
class CredentialsPrecedenceTest {

    /** The sources, highest precedence first. */
    enum Source {
        OPTIONS("AKIDOPTIONS"),
        KEY_STORE("AKIDSTORE"),
        CONFIG_API_KEY("bearer-from-config"),
        CONFIG_KEYS("AKIDCONFIG"),
        BEARER_ENV("bearer-from-env"),
        DEFAULT_CHAIN("AKIDCHAIN");

        final String marker;

        Source(String marker) {
            this.marker = marker;
        }
    }

    static Stream<Arguments> aloneAndPairs() {
        List<Arguments> out = new ArrayList<>();
        Source[] all = Source.values();
        for (int i = 0; i < all.length; i++) {
            out.add(Arguments.of(EnumSet.of(all[i])));
            for (int j = i + 1; j < all.length; j++) {
                out.add(Arguments.of(EnumSet.of(all[i], all[j])));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aloneAndPairs")
    void firstPresentSourceWins(Set<Source> present) {
        BedrockOptions.Builder options = BedrockOptions.builder();
        BedrockKeyStore store = new BedrockKeyStore();
        TestCredentialsConfig config = TestCredentialsConfig.none();
        Map<String, String> env = new HashMap<>();
        FakeSdkSources sdk = new FakeSdkSources();
        for (Source s : present) {
            switch (s) {
                case OPTIONS -> options.accessKeyId(s.marker).secretAccessKey("options-secret");
                case KEY_STORE -> store.put(BedrockKey.ofKeys(s.marker, "store-secret"));
                case CONFIG_API_KEY -> config = config.withApiKey(s.marker);
                case CONFIG_KEYS -> config = config.withKeys(s.marker, "config-secret");
                case BEARER_ENV -> env.put("AWS_BEARER_TOKEN_BEDROCK", s.marker);
                case DEFAULT_CHAIN -> sdk.answer(CredentialsType.DEFAULT,
                        () -> AwsBasicCredentials.create(s.marker, "chain-secret"));
            }
        }
        CredentialsResolver resolver = new CredentialsResolver(config, AwsEnvironment.of(env, Map.of()), store,
                BedrockKeyStore.DEFAULT_CLIENT, sdk, null);

        AwsAuth auth = resolver.resolve(options.build()).await().atMost(Duration.ofSeconds(5));

        Source winner = present.stream().min(Enum::compareTo).orElseThrow();
        assertThat(marker(auth)).isEqualTo(winner.marker);
        assertThat(sdk.asked).as("default chain consulted").isEqualTo(
                winner == Source.DEFAULT_CHAIN ? List.of(CredentialsType.DEFAULT) : List.of());
    }

    private static String marker(AwsAuth auth) {
        return auth instanceof AwsAuth.SigV4 s ? s.identity().accessKeyId() : ((AwsAuth.Bearer) auth).token();
    }
}
