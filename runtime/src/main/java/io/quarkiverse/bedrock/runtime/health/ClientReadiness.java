package io.quarkiverse.bedrock.runtime.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.AwsProfiles;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.SdkCredentialSources;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.telemetry.ErrorTypes;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;

/**
 * The readiness of one client, with the same rules as the client itself: its region chain, its credentials sources
 * (asked without network I/O), and optionally whether its endpoint answers.
 */
final class ClientReadiness {

    /**
     * @param up whether the client is ready
     * @param data what was found, for the health report: region, its source, the credentials' source, the endpoint; or
     *        the reason it is not ready (never a secret)
     */
    record Result(boolean up, Map<String, String> data) {
    }

    private final BedrockKeyStore keyStore;
    private final HttpClient http;
    private final Duration timeout;

    ClientReadiness(BedrockKeyStore keyStore, HttpClient http, Duration timeout) {
        this.keyStore = keyStore;
        this.http = http;
        this.timeout = timeout;
    }

    Result check(ClientSettings settings) {
        Map<String, String> data = new LinkedHashMap<>();
        ClientConfig config = settings.config();
        AwsProfiles profiles = new AwsProfiles(AwsEnvironment.SYSTEM, config.credentials().profileName());
        URI endpoint;
        try {
            RegionResolver.Resolved region = new RegionResolver(config.region(), AwsEnvironment.SYSTEM, keyStore,
                    settings.name(), profiles).withoutOptions();
            data.put("region", region.region());
            data.put("region-source", region.source());
            endpoint = BedrockEndpoint.baseUri(region.region(), config.endpointOverride());
            data.put("endpoint", endpoint.toString());
        } catch (RuntimeException e) {
            data.put("error", e.getMessage()); // configuration exceptions name the property, never a value of a secret
            return new Result(false, data);
        }
        Optional<String> credentials = new CredentialsResolver(config.credentials(), AwsEnvironment.SYSTEM, keyStore,
                settings.name(), SdkCredentialSources.standard(profiles, config.credentials().processCommand()), null)
                .ambientSource();
        if (credentials.isEmpty()) {
            data.put("error", "no credentials found for " + settings.prefix() + "* without a network call (an EC2"
                    + " instance profile is not looked up): configure credentials or a profile");
            return new Result(false, data);
        }
        data.put("credentials", credentials.get());
        if (http != null) {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                data.put("endpoint-status", Integer.toString(answer.statusCode()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                data.put("error", "interrupted while checking " + endpoint);
                return new Result(false, data);
            } catch (Exception e) {
                data.put("error", endpoint + " did not answer: " + ErrorTypes.of(e));
                return new Result(false, data);
            }
        }
        return new Result(true, data);
    }
}
