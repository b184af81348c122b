package io.quarkiverse.bedrock.runtime.operations;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.runtime.auth.CredentialText;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.telemetry.TraceScope;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.runtime.transport.ServiceErrors;
import io.quarkiverse.bedrock.runtime.transport.UserAgent;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Sends the operations without a model (guardrails, asynchronous invocations): resolves credentials and region, signs
 * just before sending, maps error answers to typed exceptions and answers to JSON. Thread-safe.
 */
public final class OperationCalls implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OperationCalls.class);

    private final ClientSettings settings;
    private final ClientConfig config;
    private final ObjectMapper json;
    private final CredentialsResolver credentials;
    private final RegionResolver regions;
    private final RequestSigner signer;
    private final String userAgent;
    private final Map<URI, OperationsApi> apis = new ConcurrentHashMap<>();

    /**
     * @param settings the client's name and configuration
     * @param json the mapper for bodies
     * @param credentials chooses the credentials of each request
     * @param regions chooses the region of each request
     * @param signer signs each request
     */
    public OperationCalls(ClientSettings settings, ObjectMapper json, CredentialsResolver credentials,
            RegionResolver regions, RequestSigner signer) {
        this.settings = settings;
        this.config = settings.config();
        this.json = json;
        this.credentials = credentials;
        this.regions = regions;
        this.signer = signer;
        this.userAgent = UserAgent.of(config.userAgentSuffix());
    }

    /** @return the mapper for bodies */
    public ObjectMapper json() {
        return json;
    }

    /**
     * @param call the call
     * @param options per-request region and credentials
     * @return the JSON answer with its request id; fails with a {@link BedrockException}
     */
    public Uni<Answer> send(OperationCall call, BedrockOptions options) {
        // trimmed and checked as for model calls: a token mounted from a file ends with a line break, which the HTTP
        // client would refuse with an exception that prints the whole header value
        return credentials.resolve(options).map(CredentialText::clean).chain(auth -> {
            String region = regions.resolve(options);
            URI base = BedrockEndpoint.baseUri(region, config.endpointOverride());
            URI uri = uri(base, call);
            SignedHeaders headers = SignedHeaders.of(signer.sign(call.method(), uri, call.body(), auth, region));
            LOG.debugf("%s %s (%s, %d bytes)", call.method(), uri, call.name(), call.body().length);
            return TraceScope.within(call.send().apply(api(base), headers))
                    .onFailure(t -> !(t instanceof BedrockException)).transform(t -> new BedrockTransportException(
                            "Cannot reach the Bedrock endpoint " + base + ": " + t, t));
        }).map(this::answer)
                .ifNoItem().after(config.timeout()).failWith(() -> new BedrockServiceException(408, "ClientTimeout",
                        "No answer to " + call.name() + " within " + settings.prefix() + "timeout = " + config.timeout(),
                        null));
    }

    /**
     * A successful answer.
     *
     * @param body the JSON body
     * @param requestId the AWS request id, may be null
     */
    public record Answer(JsonNode body, String requestId) {
    }

    private static URI uri(URI base, OperationCall call) {
        String b = base.toString();
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == '/') {
            end--;
        }
        return URI.create(b.substring(0, end) + call.encodedPath()
                + (call.encodedQuery().isEmpty() ? "" : "?" + call.encodedQuery()));
    }

    private Answer answer(RestResponse<byte[]> response) {
        byte[] entity = entityBytes(response);
        if (response.getStatus() / 100 != 2) {
            throw ServiceErrors.fromResponse(response.getStatus(), response::getHeaderString, entity);
        }
        String requestId = response.getHeaderString("x-amzn-RequestId");
        try {
            JsonNode body = json.readTree(entity);
            if (body == null || !body.isObject()) {
                throw new BedrockServiceException(response.getStatus(), "MalformedResponse",
                        "The answer is not a JSON object", requestId);
            }
            return new Answer(body, requestId);
        } catch (IOException e) {
            throw new BedrockServiceException(response.getStatus(), "MalformedResponse",
                    "The answer is not valid JSON: " + e.getMessage(), requestId);
        }
    }

    /** The REST client hands error bodies out as an unread stream rather than the declared byte[]. */
    private static byte[] entityBytes(RestResponse<?> response) {
        Object entity = response.getEntity();
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof InputStream in) {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    private OperationsApi api(URI base) {
        return apis.computeIfAbsent(base, uri -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(uri)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("User-Agent", userAgent))
                // the REST client's request logging, when turned on, must not print credentials
                .loggingMaskedHeaders(Set.of("authorization", "x-amz-security-token"))
                .build(OperationsApi.class));
    }

    /** Closes the REST client instances. */
    @Override
    public void close() {
        apis.values().forEach(api -> {
            if (api instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debugf(e, "Closing a Bedrock REST client failed");
                }
            }
        });
        apis.clear();
    }
}
