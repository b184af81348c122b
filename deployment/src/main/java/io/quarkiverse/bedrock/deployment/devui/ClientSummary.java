package io.quarkiverse.bedrock.deployment.devui;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkiverse.bedrock.deployment.BuildTimeClientConfig;
import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.AwsProfiles;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.SdkCredentialSources;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What the Dev UI shows of every client (the default one and each named one): where requests go and where credentials
 * come from, decided by the runtime's own resolvers from the settings read through the runtime mapping, never a secret.
 * Key ids are shown masked; secret keys, session tokens and API keys never.
 */
public final class ClientSummary {

    /** The emulator's settings take precedence over the application's, as Dev Services' configuration does. */
    private static final int DEV_SERVICES_ORDINAL = 500;

    /**
     * One line of the table.
     *
     * @param client the client's name ({@code <default>} for the default client)
     * @param setting what it is
     * @param value its value, safe to show
     */
    public record Row(String client, String setting, String value) {
    }

    private final AwsEnvironment environment;

    /** @param environment where ambient region and credentials are looked for */
    public ClientSummary(AwsEnvironment environment) {
        this.environment = environment;
    }

    /**
     * @param config the application's configuration at build time
     * @param devServicesConfig the configuration Dev Services gives the application (empty when the emulator does not
     *        run)
     * @return every client's settings as they will be at run time, empty when they cannot be read at build time
     */
    public static Optional<Map<String, ClientSettings>> clients(Config config, Map<String, String> devServicesConfig) {
        if (devServicesConfig.isEmpty()) {
            return BuildTimeClientConfig.read(config);
        }
        List<ConfigSource> sources = new ArrayList<>();
        config.getConfigSources().forEach(sources::add);
        sources.add(new PropertiesConfigSource(devServicesConfig, "Bedrock Dev Services", DEV_SERVICES_ORDINAL));
        SmallRyeConfig withDevServices = new SmallRyeConfigBuilder().withSources(sources)
                .withProfiles(config.unwrap(SmallRyeConfig.class).getProfiles()).build();
        return BuildTimeClientConfig.read(withDevServices);
    }

    /**
     * @param clients every client's settings, the default one first
     * @param devServicesConfig the configuration Dev Services gives the application (empty when the emulator does not
     *        run)
     * @return the rows to show, client by client
     */
    public List<Row> rows(Map<String, ClientSettings> clients, Map<String, String> devServicesConfig) {
        Optional<URI> emulator = devServicesConfig.entrySet().stream()
                .filter(e -> e.getKey().endsWith("endpoint-override")).map(e -> URI.create(e.getValue().trim()))
                .findFirst();
        Optional<String> emulatorKeyId = devServicesConfig.entrySet().stream()
                .filter(e -> e.getKey().endsWith("credentials.access-key-id")).map(Map.Entry::getValue).findFirst();
        List<Row> rows = new ArrayList<>();
        clients.values().forEach(settings -> rows.addAll(rows(settings, emulator, emulatorKeyId)));
        return rows;
    }

    private List<Row> rows(ClientSettings settings, Optional<URI> emulator, Optional<String> emulatorKeyId) {
        String name = settings.name();
        ClientConfig config = settings.config();
        List<Row> rows = new ArrayList<>();
        AwsProfiles profiles = new AwsProfiles(environment, config.credentials().profileName());
        boolean onEmulator = emulator.isPresent() && config.endpointOverride().equals(emulator);
        try {
            RegionResolver.Resolved region = new RegionResolver(config.region(), environment, new BedrockKeyStore(), name,
                    profiles).withoutOptions();
            URI endpoint = BedrockEndpoint.baseUri(region.region(), config.endpointOverride());
            rows.add(new Row(name, "Endpoint", endpoint + (onEmulator ? " (the Bedrock emulator, started by Dev Services)"
                    : config.endpointOverride().isPresent() ? " (" + settings.prefix() + "endpoint-override)" : "")));
            rows.add(new Row(name, "Region", region.region() + " (" + region.source() + ")"));
        } catch (RuntimeException e) {
            rows.add(new Row(name, "Endpoint", "invalid: " + e.getMessage()));
        }
        rows.add(new Row(name, "Credentials type", kebab(config.credentials().type().name())));
        rows.add(new Row(name, "Credentials", onEmulator && config.credentials().accessKeyId().equals(emulatorKeyId)
                ? "the emulator's test credentials"
                : credentials(settings, profiles)));
        rows.add(new Row(name, "Timeout", human(config.timeout())));
        rows.add(new Row(name, "Stream idle timeout", human(config.streamIdleTimeout())));
        rows.add(new Row(name, "Connect timeout", human(config.connectTimeout())));
        rows.add(new Row(name, "Streaming protocol", protocol(settings)));
        rows.add(new Row(name, "Streaming tools fallback", config.streamingToolsFallback().map(List::toString)
                .orElse("the built-in list (see the configuration reference)")));
        config.userAgentSuffix().ifPresent(s -> rows.add(new Row(name, "User agent suffix", s)));
        return rows;
    }

    private String credentials(ClientSettings settings, AwsProfiles profiles) {
        ClientConfig config = settings.config();
        Optional<String> source = new CredentialsResolver(config.credentials(), environment, new BedrockKeyStore(),
                settings.name(), SdkCredentialSources.standard(profiles, config.credentials().processCommand()), null)
                .ambientSource();
        if (source.isEmpty()) {
            return "none found without a network call (an EC2 instance profile may still supply them at run time)";
        }
        String from = source.get();
        if (from.equals(settings.prefix() + "credentials") && config.credentials().accessKeyId().isPresent()) {
            return "access key " + mask(config.credentials().accessKeyId().get()) + " from " + from
                    + (config.credentials().sessionToken().isPresent() ? " with a session token (set)" : "");
        }
        if (from.equals("AWS_ACCESS_KEY_ID")) {
            return "access key " + environment.env("AWS_ACCESS_KEY_ID").map(ClientSummary::mask).orElse("****")
                    + " from AWS_ACCESS_KEY_ID";
        }
        if (from.endsWith("api-key") || from.equals("AWS_BEARER_TOKEN_BEDROCK")) {
            return "Bedrock API key from " + from + " (set)";
        }
        return from;
    }

    /** Decided by the runtime's own rule ({@link StreamingHttpClient#usesHttp2}), explained for the reader. */
    private static String protocol(ClientSettings settings) {
        ClientConfig config = settings.config();
        boolean usesHttp2 = StreamingHttpClient.usesHttp2(config.http2(), config.endpointOverride());
        if (config.http2().isPresent()) {
            return (usesHttp2 ? "HTTP/2" : "HTTP/1.1") + " (" + settings.prefix() + "http2=" + config.http2().get() + ")";
        }
        return usesHttp2 ? "HTTP/2, negotiated (falls back to HTTP/1.1)"
                : "HTTP/1.1 (plain http endpoint; " + settings.prefix() + "http2=true for h2c)";
    }

    /** @return e.g. {@code 5m}, {@code 60s}, {@code 1500ms} */
    static String human(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static String kebab(String enumName) {
        return enumName.toLowerCase().replace('_', '-');
    }

    /** @return the first four and last four characters of an access key id, the rest hidden */
    static String mask(String keyId) {
        if (keyId.length() <= 8) {
            return "****";
        }
        return keyId.substring(0, 4) + "****" + keyId.substring(keyId.length() - 4);
    }
}
