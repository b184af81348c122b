package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import io.quarkiverse.bedrock.spi.BedrockKey;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Credential sources by type, the key store, rotation, bad input and event-loop safety. */
class CredentialsResolverTest {

    private final FakeSdkSources sdk = new FakeSdkSources();
    private final BedrockKeyStore store = new BedrockKeyStore();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> props = new HashMap<>();

    private CredentialsResolver resolver(TestCredentialsConfig config) {
        return resolver(config, BedrockKeyStore.DEFAULT_CLIENT);
    }

    private CredentialsResolver resolver(TestCredentialsConfig config, String client) {
        return new CredentialsResolver(config, AwsEnvironment.of(env, props), store, client, sdk, null);
    }

    private static AwsAuth await(CredentialsResolver resolver, BedrockOptions options) {
        return resolver.resolve(options).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void optionsWithSessionTokenGiveSessionCredentials() {
        AwsAuth auth = await(resolver(TestCredentialsConfig.none()),
                BedrockOptions.builder().accessKeyId("ASIAOPT").secretAccessKey("s").sessionToken("tok").build());
        assertThat(((AwsAuth.SigV4) auth).identity()).isInstanceOfSatisfying(AwsSessionCredentialsIdentity.class,
                id -> assertThat(id.sessionToken()).isEqualTo("tok"));
    }

    @Test
    void optionApiKeyIsBearer() {
        AwsAuth auth = await(resolver(TestCredentialsConfig.none().withKeys("AKIDCONF", "s")),
                BedrockOptions.builder().apiKey("opt-api-key").build());
        assertThat(auth).isEqualTo(new AwsAuth.Bearer("opt-api-key", "request option api_key"));
    }

    @Test
    void keyStoreApiKeyRotationAndClear() {
        CredentialsResolver resolver = resolver(TestCredentialsConfig.none().withKeys("AKIDCONF", "s"));
        store.put(BedrockKey.ofApiKey("first"));
        assertThat(((AwsAuth.Bearer) await(resolver, BedrockOptions.NONE)).token()).isEqualTo("first");
        store.put(BedrockKey.ofApiKey("second"));
        assertThat(((AwsAuth.Bearer) await(resolver, BedrockOptions.NONE)).token()).isEqualTo("second");
        store.clear();
        assertThat(((AwsAuth.SigV4) await(resolver, BedrockOptions.NONE)).identity().accessKeyId()).isEqualTo("AKIDCONF");
    }

    @Test
    void keyStoreEntriesArePerClient() {
        store.put("reports", BedrockKey.ofKeys("AKIDREPORTS", "s"));
        CredentialsResolver named = resolver(TestCredentialsConfig.none().withKeys("AKIDCONF", "s"), "reports");
        CredentialsResolver unnamed = resolver(TestCredentialsConfig.none().withKeys("AKIDCONF", "s"));
        assertThat(((AwsAuth.SigV4) await(named, BedrockOptions.NONE)).identity().accessKeyId()).isEqualTo("AKIDREPORTS");
        assertThat(((AwsAuth.SigV4) await(unnamed, BedrockOptions.NONE)).identity().accessKeyId()).isEqualTo("AKIDCONF");
    }

    @Test
    void configuredSessionToken() {
        AwsAuth auth = await(resolver(TestCredentialsConfig.none().withKeys("ASIACONF", "s").withSessionToken("conf-tok")),
                BedrockOptions.NONE);
        assertThat(((AwsSessionCredentialsIdentity) ((AwsAuth.SigV4) auth).identity()).sessionToken()).isEqualTo("conf-tok");
    }

    @Test
    void typeStaticUsesOnlyConfiguredKeys() {
        env.put("AWS_BEARER_TOKEN_BEDROCK", "env-bearer");
        sdk.answer(CredentialsType.DEFAULT, () -> AwsBasicCredentials.create("AKIDCHAIN", "s"));
        CredentialsResolver missing = resolver(TestCredentialsConfig.none().withType(CredentialsType.STATIC));
        assertThatThrownBy(() -> await(missing, BedrockOptions.NONE)).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("quarkus.aws-bedrock.credentials.access-key-id");
        CredentialsResolver present = resolver(
                TestCredentialsConfig.none().withType(CredentialsType.STATIC).withKeys("AKIDSTATIC", "s"));
        assertThat(((AwsAuth.SigV4) await(present, BedrockOptions.NONE)).identity().accessKeyId()).isEqualTo("AKIDSTATIC");
        assertThat(sdk.asked).isEmpty();
    }

    @Test
    void typeApiKey() {
        assertThatThrownBy(() -> await(resolver(TestCredentialsConfig.none().withType(CredentialsType.API_KEY)
                .withKeys("AKID", "s")), BedrockOptions.NONE)).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("quarkus.aws-bedrock.credentials.api-key");
        assertThat(await(resolver(TestCredentialsConfig.none().withType(CredentialsType.API_KEY).withApiKey("k")),
                BedrockOptions.NONE)).isInstanceOf(AwsAuth.Bearer.class);
    }

    @Test
    void typeEnvVariable() {
        CredentialsResolver resolver = resolver(TestCredentialsConfig.none().withType(CredentialsType.ENV_VARIABLE));
        assertThatThrownBy(() -> await(resolver, BedrockOptions.NONE)).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
        env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        assertThatThrownBy(() -> await(resolver, BedrockOptions.NONE)).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        env.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        env.put("AWS_SESSION_TOKEN", "env-token");
        AwsAuth auth = await(resolver, BedrockOptions.NONE);
        assertThat(((AwsSessionCredentialsIdentity) ((AwsAuth.SigV4) auth).identity()).sessionToken()).isEqualTo("env-token");
    }

    @Test
    void typeSystemProperty() {
        CredentialsResolver resolver = resolver(TestCredentialsConfig.none().withType(CredentialsType.SYSTEM_PROPERTY));
        assertThatThrownBy(() -> await(resolver, BedrockOptions.NONE)).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("aws.accessKeyId");
        props.put("aws.accessKeyId", "AKIDPROP");
        props.put("aws.secretAccessKey", "prop-secret");
        assertThat(((AwsAuth.SigV4) await(resolver, BedrockOptions.NONE)).identity().accessKeyId()).isEqualTo("AKIDPROP");
    }

    @Test
    void sdkBackedTypesAskTheirProvider() {
        for (CredentialsType type : new CredentialsType[] { CredentialsType.PROFILE, CredentialsType.CONTAINER,
                CredentialsType.INSTANCE_PROFILE, CredentialsType.PROCESS }) {
            sdk.answer(type, () -> AwsBasicCredentials.create("AKID" + type, "s"));
            AwsAuth auth = await(resolver(TestCredentialsConfig.none().withType(type)), BedrockOptions.NONE);
            assertThat(((AwsAuth.SigV4) auth).identity().accessKeyId()).isEqualTo("AKID" + type);
        }
        assertThat(sdk.asked).containsExactly(CredentialsType.PROFILE, CredentialsType.CONTAINER,
                CredentialsType.INSTANCE_PROFILE, CredentialsType.PROCESS);
    }

    @Test
    void providerIsAskedForEveryRequestSoRefreshedCredentialsAreUsed() {
        AtomicInteger generation = new AtomicInteger();
        sdk.answer(CredentialsType.DEFAULT,
                () -> AwsSessionCredentials.create("ASIA" + generation.incrementAndGet(), "s", "token"));
        CredentialsResolver resolver = resolver(TestCredentialsConfig.none());
        assertThat(((AwsAuth.SigV4) await(resolver, BedrockOptions.NONE)).identity().accessKeyId()).isEqualTo("ASIA1");
        assertThat(((AwsAuth.SigV4) await(resolver, BedrockOptions.NONE)).identity().accessKeyId()).isEqualTo("ASIA2");
    }

    @Test
    void missingCredentialsNameWhatToSet() {
        assertThatThrownBy(() -> await(resolver(TestCredentialsConfig.none()), BedrockOptions.NONE))
                .isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("No AWS credentials found")
                .hasMessageContaining("quarkus.aws-bedrock.credentials.access-key-id")
                .hasMessageContaining("AWS_BEARER_TOKEN_BEDROCK");
    }

    @Test
    void halfAKeyPairInOptions() {
        CredentialsResolver resolver = resolver(TestCredentialsConfig.none());
        assertThatThrownBy(() -> await(resolver, BedrockOptions.builder().accessKeyId("AKID").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("secret_access_key");
        assertThatThrownBy(() -> await(resolver, BedrockOptions.builder().secretAccessKey("the-secret-value").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("access_key_id")
                .hasMessageNotContaining("the-secret-value");
        assertThatThrownBy(() -> await(resolver, BedrockOptions.builder().sessionToken("tok-value").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("access_key_id")
                .hasMessageNotContaining("tok-value");
        assertThatThrownBy(() -> await(resolver, BedrockOptions.builder().apiKey(" ").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("api_key");
        assertThat(sdk.asked).isEmpty();
    }

    @Test
    void emptySecretInOptionsAndConfig() {
        assertThatThrownBy(() -> await(resolver(TestCredentialsConfig.none()),
                BedrockOptions.builder().accessKeyId("AKID").secretAccessKey("").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("secret_access_key option is missing or empty");
        assertThatThrownBy(() -> await(resolver(TestCredentialsConfig.none().withKeys("AKID", "")), BedrockOptions.NONE))
                .isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("quarkus.aws-bedrock.credentials.secret-access-key is missing or empty");
        assertThatThrownBy(() -> await(resolver(TestCredentialsConfig.none().withKeys(null, "config-secret")),
                BedrockOptions.NONE)).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("quarkus.aws-bedrock.credentials.access-key-id is missing")
                .hasMessageNotContaining("config-secret");
    }

    @Test
    void badKeyStoreEntriesAreRejectedWhenPut() {
        assertThatThrownBy(() -> BedrockKey.ofKeys("AKID", "")).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("secret access key");
        assertThatThrownBy(() -> BedrockKey.ofKeys(null, "store-secret")).isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("access key id").hasMessageNotContaining("store-secret");
        assertThatThrownBy(() -> BedrockKey.ofApiKey("")).isInstanceOf(BedrockConfigurationException.class);
        assertThatThrownBy(() -> BedrockKey.ofKeys("AKID", "s").withRegion("us-east-1.evil.example"))
                .isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("not an AWS region");
        assertThatThrownBy(() -> BedrockKey.fromMap(Map.of("access_key_id", "AKID", "secret", "s")))
                .isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("Unknown key store entry 'secret'");
    }

    @Test
    void keyFromReferenceMapForm() {
        BedrockKey key = BedrockKey.fromMap(Map.of("access_key_id", "AKIDMAP", "secret_access_key", "map-secret",
                "region", "eu-west-3"));
        assertThat(key.region()).contains("eu-west-3");
        assertThat(key.toString()).contains("AKIDMAP").doesNotContain("map-secret");
        store.put(key);
        assertThat(((AwsAuth.SigV4) await(resolver(TestCredentialsConfig.none()), BedrockOptions.NONE)).identity()
                .secretAccessKey()).isEqualTo("map-secret");
    }

    @Test
    void sdkProviderIsNotAskedOnTheEventLoop() throws Exception {
        sdk.answer(CredentialsType.DEFAULT, () -> AwsBasicCredentials.create("AKIDCHAIN", "s"));
        CredentialsResolver resolver = resolver(TestCredentialsConfig.none());
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<String> result = new CompletableFuture<>();
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> {
                assertThat(Context.isOnEventLoopThread()).isTrue();
                resolver.resolve(BedrockOptions.NONE).subscribe().with(
                        auth -> result.complete(((AwsAuth.SigV4) auth).identity().accessKeyId()),
                        result::completeExceptionally);
            });
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("AKIDCHAIN");
            assertThat(sdk.threads).hasSize(1);
            assertThat(sdk.threads.get(0).getName()).doesNotContain("eventloop");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
