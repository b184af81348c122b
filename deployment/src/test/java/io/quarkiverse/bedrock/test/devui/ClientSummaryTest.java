package io.quarkiverse.bedrock.test.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.deployment.devui.ClientSummary;
import io.quarkiverse.bedrock.deployment.devui.ClientSummary.Row;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The Dev UI table lists every client with the runtime's own rules (region chain, credentials sources, HTTP/2 choice,
 * defaults from the mapping), and never a secret.
 */
class ClientSummaryTest {

    private static final String KEY_ID = "AKIAEXAMPLEKEYID7890";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private static final String API_KEY = "ABSKexampleBedrockApiKey";

    private static List<Row> rows(Map<String, String> config, Map<String, String> env, Map<String, String> dev) {
        SmallRyeConfig appConfig = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(config, "test", 100)).build();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("HOME", "/nonexistent-home-for-client-summary-test"); // no ~/.aws of the build machine
        return new ClientSummary(AwsEnvironment.of(environment, Map.of()))
                .rows(ClientSummary.clients(appConfig, dev).orElseThrow(), dev);
    }

    private static String value(List<Row> rows, String client, String setting) {
        return rows.stream().filter(r -> r.client().equals(client) && r.setting().equals(setting)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + setting + " of " + client + " in " + rows)).value();
    }

    private static String value(List<Row> rows, String setting) {
        return value(rows, "<default>", setting);
    }

    @Test
    void staticKeysAreShownMaskedAndSecretsNever() {
        List<Row> rows = rows(Map.of("quarkus.aws-bedrock.credentials.access-key-id", KEY_ID,
                "quarkus.aws-bedrock.credentials.secret-access-key", SECRET,
                "quarkus.aws-bedrock.credentials.session-token", TOKEN,
                "quarkus.aws-bedrock.region", "eu-west-3"), Map.of("AWS_BEARER_TOKEN_BEDROCK", API_KEY), Map.of());
        assertThat(value(rows, "Credentials")).isEqualTo(
                "access key AKIA****7890 from quarkus.aws-bedrock.credentials with a session token (set)");
        assertThat(value(rows, "Region")).isEqualTo("eu-west-3 (quarkus.aws-bedrock.region)");
        assertThat(value(rows, "Endpoint")).isEqualTo("https://bedrock-runtime.eu-west-3.amazonaws.com");
        assertThat(rows.toString()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(TOKEN)
                .doesNotContain(API_KEY);
    }

    @Test
    void everyNamedClientIsListedWithItsOwnAndInheritedSettings() {
        List<Row> rows = rows(Map.of("quarkus.aws-bedrock.region", "eu-west-3",
                "quarkus.aws-bedrock.timeout", "90s",
                "quarkus.aws-bedrock.fast.timeout", "2s",
                "quarkus.aws-bedrock.us.region", "us-west-2",
                "quarkus.aws-bedrock.us.credentials.api-key", API_KEY), Map.of(), Map.of());
        assertThat(rows).extracting(Row::client).containsOnly("<default>", "fast", "us");
        assertThat(value(rows, "fast", "Timeout")).isEqualTo("2s");
        assertThat(value(rows, "fast", "Region")).startsWith("eu-west-3 ");
        assertThat(value(rows, "us", "Timeout")).isEqualTo("90s");
        assertThat(value(rows, "us", "Endpoint")).isEqualTo("https://bedrock-runtime.us-west-2.amazonaws.com");
        assertThat(value(rows, "us", "Credentials"))
                .isEqualTo("Bedrock API key from quarkus.aws-bedrock.us.credentials.api-key (set)");
        assertThat(rows.toString()).doesNotContain(API_KEY);
    }

    @Test
    void ambientSourcesComeFromTheRuntimeResolvers() {
        List<Row> fromEnv = rows(Map.of(), Map.of("AWS_BEARER_TOKEN_BEDROCK", API_KEY, "AWS_REGION", "us-west-2"),
                Map.of());
        assertThat(value(fromEnv, "Credentials")).isEqualTo("Bedrock API key from AWS_BEARER_TOKEN_BEDROCK (set)");
        assertThat(value(fromEnv, "Region")).isEqualTo("us-west-2 (AWS_REGION)");
        List<Row> keys = rows(Map.of(), Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET), Map.of());
        assertThat(value(keys, "Credentials")).isEqualTo("access key AKIA****7890 from AWS_ACCESS_KEY_ID");
        assertThat(fromEnv.toString() + keys).doesNotContain(API_KEY).doesNotContain(KEY_ID).doesNotContain(SECRET);
    }

    @Test
    void theEmulatorStartedByDevServicesIsNamedForEveryClientUsingIt() {
        List<Row> rows = rows(Map.of("quarkus.aws-bedrock.other.timeout", "3s"), Map.of("AWS_ACCESS_KEY_ID", KEY_ID),
                Map.of("quarkus.aws-bedrock.endpoint-override", "http://127.0.0.1:40811",
                        "quarkus.aws-bedrock.region", "us-east-1",
                        "quarkus.aws-bedrock.credentials.access-key-id", "AKIDBEDROCKEMULATOR1",
                        "quarkus.aws-bedrock.credentials.secret-access-key", "emulator-secret"));
        for (String client : List.of("<default>", "other")) {
            assertThat(value(rows, client, "Endpoint"))
                    .isEqualTo("http://127.0.0.1:40811 (the Bedrock emulator, started by Dev Services)");
            assertThat(value(rows, client, "Credentials")).isEqualTo("the emulator's test credentials");
            assertThat(value(rows, client, "Streaming protocol")).startsWith("HTTP/1.1 (plain http endpoint");
        }
        assertThat(rows.toString()).doesNotContain("emulator-secret");
    }

    @Test
    void theStreamingProtocolFollowsTheSettingElseTheEndpointScheme() {
        assertThat(value(rows(Map.of(), Map.of(), Map.of()), "Streaming protocol")).startsWith("HTTP/2, negotiated");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.endpoint-override", "https://vpce.example.com"), Map.of(),
                Map.of()), "Streaming protocol")).startsWith("HTTP/2, negotiated");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.endpoint-override", "http://localhost:4566"), Map.of(),
                Map.of()), "Streaming protocol")).startsWith("HTTP/1.1");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.http2", "true", "quarkus.aws-bedrock.endpoint-override",
                "http://localhost:4566"), Map.of(), Map.of()), "Streaming protocol"))
                .isEqualTo("HTTP/2 (quarkus.aws-bedrock.http2=true)");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.http2", "false"), Map.of(), Map.of()), "Streaming protocol"))
                .isEqualTo("HTTP/1.1 (quarkus.aws-bedrock.http2=false)");
    }

    @Test
    void withoutAnythingConfiguredTheMappingsDefaultsAreShown() {
        List<Row> rows = rows(Map.of(), Map.of(), Map.of());
        assertThat(value(rows, "Endpoint")).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
        assertThat(value(rows, "Region")).isEqualTo("us-east-1 (the default region)");
        assertThat(value(rows, "Credentials")).startsWith("none found without a network call");
        assertThat(value(rows, "Credentials type")).isEqualTo("default");
        // ClientConfig's @WithDefault values, read through the mapping
        assertThat(value(rows, "Timeout")).isEqualTo("5m");
        assertThat(value(rows, "Stream idle timeout")).isEqualTo("1m");
        assertThat(value(rows, "Connect timeout")).isEqualTo("10s");
        assertThat(value(rows, "Streaming tools fallback")).startsWith("the built-in list");
    }
}
