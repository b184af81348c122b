package io.quarkiverse.bedrock.runtime;

import java.time.Clock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.runtime.auth.AwsEnvironment;
import io.quarkiverse.bedrock.runtime.auth.AwsProfiles;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.auth.SdkCredentialSources;
import io.quarkiverse.bedrock.runtime.client.DefaultBedrockClient;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.runtime.transport.TransportLimits;
import io.quarkiverse.bedrock.runtime.transport.UserAgent;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.vertx.mutiny.core.Vertx;

/** Builds one client (the default or a named one) from its settings and the application's shared beans. */
final class BedrockClientFactory {

    private BedrockClientFactory() {
    }

    /**
     * @param settings the client's name and settings
     * @return the client, after its settings were validated
     * @throws io.quarkiverse.bedrock.api.error.BedrockConfigurationException naming the property to fix
     */
    static DefaultBedrockClient create(ClientSettings settings, BedrockKeyStore keyStore, Vertx vertx,
            FamilyRegistry families) {
        ClientConfig config = settings.config();
        // our own mapper: the application's ObjectMapper customisations must not change the wire format
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        AwsProfiles profiles = new AwsProfiles(AwsEnvironment.SYSTEM, config.credentials().profileName());
        CredentialsResolver credentials = new CredentialsResolver(config.credentials(), AwsEnvironment.SYSTEM, keyStore,
                settings.name(), SdkCredentialSources.standard(profiles, config.credentials().processCommand()), null);
        RegionResolver regions = new RegionResolver(config.region(), AwsEnvironment.SYSTEM, keyStore, settings.name(),
                profiles);
        BedrockConfigValidator.validate(settings, regions, credentials);
        return new DefaultBedrockClient(settings, json, credentials, regions,
                new RequestSigner(Clock.systemUTC()),
                new StreamingHttpClient(vertx, TransportLimits.of(settings),
                        StreamingHttpClient.usesHttp2(config.http2(), config.endpointOverride()),
                        UserAgent.of(config.userAgentSuffix())),
                families);
    }
}
