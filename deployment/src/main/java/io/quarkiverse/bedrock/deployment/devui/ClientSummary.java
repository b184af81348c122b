package io.quarkiverse.bedrock.deployment.devui;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;

/**
 * What the Dev UI shows of the Bedrock client: where requests go and where credentials come from, never a secret. Key
 * ids are shown masked; secret keys, session tokens and API keys only as "set".
 */
public final class ClientSummary {

    private static final String PREFIX = "quarkus.aws-bedrock.";

    /**
     * One line of the table.
     *
     * @param setting what it is
     * @param value its value, safe to show
     */
    public record Row(String setting, String value) {
    }

    private final Function<String, Optional<String>> config;
    private final Function<String, Optional<String>> env;

    /**
     * @param config reads a configuration property
     * @param env reads an environment variable
     */
    public ClientSummary(Function<String, Optional<String>> config, Function<String, Optional<String>> env) {
        this.config = config;
        this.env = env;
    }

    /**
     * @param devServicesConfig the configuration Dev Services gave the app (empty when the emulator does not run)
     * @return the rows to show
     */
    public List<Row> rows(Map<String, String> devServicesConfig) {
        List<Row> rows = new ArrayList<>();
        String region = config.apply(PREFIX + "region").map(r -> r + " (quarkus.aws-bedrock.region)")
                .or(() -> env.apply("AWS_REGION").map(r -> r + " (AWS_REGION)"))
                .or(() -> env.apply("AWS_DEFAULT_REGION").map(r -> r + " (AWS_DEFAULT_REGION)"))
                .orElse("us-east-1 unless the AWS profile names one");
        String devEndpoint = devServicesConfig.get(PREFIX + "endpoint-override");
        String endpoint = devEndpoint != null ? devEndpoint + " (the Bedrock emulator, started by Dev Services)"
                : config.apply(PREFIX + "endpoint-override").map(e -> e + " (quarkus.aws-bedrock.endpoint-override)")
                        .orElse("https://bedrock-runtime.<region>.amazonaws.com");
        rows.add(new Row("Endpoint", endpoint));
        rows.add(new Row("Region", devEndpoint != null ? devServicesConfig.getOrDefault(PREFIX + "region", region) : region));
        rows.add(new Row("Credentials type", config.apply(PREFIX + "credentials.type").orElse("default")));
        rows.add(new Row("Credentials", devEndpoint != null ? "the emulator's test credentials" : credentials()));
        rows.add(new Row("Timeout", config.apply(PREFIX + "timeout").orElse("5M")));
        rows.add(new Row("Stream idle timeout", config.apply(PREFIX + "stream-idle-timeout").orElse("60S")));
        rows.add(new Row("Streaming protocol", protocol(devEndpoint != null ? Optional.of(devEndpoint)
                : config.apply(PREFIX + "endpoint-override"))));
        rows.add(new Row("Streaming tools fallback",
                config.apply(PREFIX + "streaming-tools-fallback")
                        .orElse("the default list (see the configuration reference)")));
        return rows;
    }

    /** Decided by the runtime's own rule ({@link StreamingHttpClient#usesHttp2}), explained for the reader. */
    private String protocol(Optional<String> endpoint) {
        Optional<Boolean> http2 = config.apply(PREFIX + "http2").map(Boolean::parseBoolean);
        boolean usesHttp2 = StreamingHttpClient.usesHttp2(http2, endpoint.map(e -> URI.create(e.trim())));
        if (http2.isPresent()) {
            return usesHttp2 ? "HTTP/2 (quarkus.aws-bedrock.http2=true)" : "HTTP/1.1 (quarkus.aws-bedrock.http2=false)";
        }
        return usesHttp2 ? "HTTP/2, negotiated (falls back to HTTP/1.1)"
                : "HTTP/1.1 (plain http endpoint; quarkus.aws-bedrock.http2=true for h2c)";
    }

    private String credentials() {
        Optional<String> keyId = config.apply(PREFIX + "credentials.access-key-id");
        if (config.apply(PREFIX + "credentials.api-key").isPresent()) {
            return "Bedrock API key from quarkus.aws-bedrock.credentials.api-key (set)";
        }
        if (keyId.isPresent()) {
            return "access key " + mask(keyId.get()) + " from quarkus.aws-bedrock.credentials"
                    + (config.apply(PREFIX + "credentials.session-token").isPresent() ? " with a session token (set)" : "");
        }
        if (env.apply("AWS_BEARER_TOKEN_BEDROCK").isPresent()) {
            return "Bedrock API key from AWS_BEARER_TOKEN_BEDROCK (set)";
        }
        return env.apply("AWS_ACCESS_KEY_ID").map(k -> "access key " + mask(k) + " from AWS_ACCESS_KEY_ID")
                .orElse("the AWS default chain (profile, web identity, container, instance), resolved per request");
    }

    /** @return the first four and last four characters of an access key id, the rest hidden */
    static String mask(String keyId) {
        if (keyId.length() <= 8) {
            return "****";
        }
        return keyId.substring(0, 4) + "****" + keyId.substring(keyId.length() - 4);
    }
}
