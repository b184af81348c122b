package io.quarkiverse.bedrock.test.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.deployment.devui.ClientSummary;
import io.quarkiverse.bedrock.deployment.devui.ClientSummary.Row;

/** The Dev UI summary shows where requests go and where credentials come from, and never a secret. */
class ClientSummaryTest {

    private static final String KEY_ID = "AKIAEXAMPLEKEYID7890";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private static final String API_KEY = "ABSKexampleBedrockApiKey";

    private static List<Row> rows(Map<String, String> config, Map<String, String> env, Map<String, String> dev) {
        return new ClientSummary(k -> Optional.ofNullable(config.get(k)), k -> Optional.ofNullable(env.get(k))).rows(dev);
    }

    private static String value(List<Row> rows, String setting) {
        return rows.stream().filter(r -> r.setting().equals(setting)).findFirst().orElseThrow().value();
    }

    @Test
    void staticKeysAreShownMaskedAndSecretsNever() {
        List<Row> rows = rows(Map.of("quarkus.aws-bedrock.credentials.access-key-id", KEY_ID,
                "quarkus.aws-bedrock.credentials.secret-access-key", SECRET,
                "quarkus.aws-bedrock.credentials.session-token", TOKEN,
                "quarkus.aws-bedrock.region", "eu-west-3"), Map.of("AWS_BEARER_TOKEN_BEDROCK", API_KEY), Map.of());
        assertThat(value(rows, "Credentials")).contains("AKIA****7890").contains("session token (set)");
        assertThat(value(rows, "Region")).isEqualTo("eu-west-3 (quarkus.aws-bedrock.region)");
        assertThat(rows.toString()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(TOKEN)
                .doesNotContain(API_KEY);
    }

    @Test
    void apiKeysAreOnlySaidToBeSet() {
        List<Row> fromConfig = rows(Map.of("quarkus.aws-bedrock.credentials.api-key", API_KEY), Map.of(), Map.of());
        List<Row> fromEnv = rows(Map.of(), Map.of("AWS_BEARER_TOKEN_BEDROCK", API_KEY, "AWS_REGION", "us-west-2"),
                Map.of());
        assertThat(value(fromConfig, "Credentials")).contains("quarkus.aws-bedrock.credentials.api-key (set)");
        assertThat(value(fromEnv, "Credentials")).contains("AWS_BEARER_TOKEN_BEDROCK (set)");
        assertThat(value(fromEnv, "Region")).isEqualTo("us-west-2 (AWS_REGION)");
        assertThat(fromConfig.toString() + fromEnv).doesNotContain(API_KEY);
    }

    @Test
    void theEmulatorStartedByDevServicesIsNamed() {
        List<Row> rows = rows(Map.of(), Map.of("AWS_ACCESS_KEY_ID", KEY_ID),
                Map.of("quarkus.aws-bedrock.endpoint-override", "http://127.0.0.1:40811", "quarkus.aws-bedrock.region",
                        "us-east-1"));
        assertThat(value(rows, "Endpoint")).isEqualTo("http://127.0.0.1:40811 (the Bedrock emulator, started by Dev Services)");
        assertThat(value(rows, "Credentials")).isEqualTo("the emulator's test credentials");
        assertThat(value(rows, "Streaming protocol")).startsWith("HTTP/1.1 (plain http endpoint");
    }

    @Test
    void theStreamingProtocolFollowsTheSettingElseTheEndpointScheme() {
        assertThat(value(rows(Map.of(), Map.of(), Map.of()), "Streaming protocol")).startsWith("HTTP/2, negotiated");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.endpoint-override", "https://vpce.example.com"), Map.of(), Map.of()),
                "Streaming protocol")).startsWith("HTTP/2, negotiated");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.endpoint-override", "http://localhost:4566"), Map.of(), Map.of()),
                "Streaming protocol")).startsWith("HTTP/1.1");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.http2", "true", "quarkus.aws-bedrock.endpoint-override",
                "http://localhost:4566"), Map.of(), Map.of()), "Streaming protocol"))
                .isEqualTo("HTTP/2 (quarkus.aws-bedrock.http2=true)");
        assertThat(value(rows(Map.of("quarkus.aws-bedrock.http2", "false"), Map.of(), Map.of()), "Streaming protocol"))
                .isEqualTo("HTTP/1.1 (quarkus.aws-bedrock.http2=false)");
    }

    @Test
    void withoutAnythingConfiguredTheDefaultsAreExplained() {
        List<Row> rows = rows(Map.of(), Map.of(), Map.of());
        assertThat(value(rows, "Endpoint")).isEqualTo("https://bedrock-runtime.<region>.amazonaws.com");
        assertThat(value(rows, "Credentials")).startsWith("the AWS default chain");
        assertThat(value(rows, "Credentials type")).isEqualTo("default");
    }
}
