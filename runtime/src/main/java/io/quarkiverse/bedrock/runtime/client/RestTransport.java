package io.quarkiverse.bedrock.runtime.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkiverse.bedrock.runtime.resilience.AttemptHeaders;
import io.quarkiverse.bedrock.runtime.transport.BedrockRestApi;
import io.quarkiverse.bedrock.runtime.transport.ServiceErrors;
import io.quarkiverse.bedrock.runtime.transport.TransportLimits;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/** Sends non-streaming calls with the Quarkus REST client, one client per endpoint, and maps non-2xx answers. */
final class RestTransport {

    private static final Logger LOG = Logger.getLogger(RestTransport.class);

    private final Duration connectTimeout;
    private final String userAgent;
    private final Map<URI, BedrockRestApi> apis = new ConcurrentHashMap<>();

    /**
     * @param connectTimeout the connection timeout of the REST clients
     * @param userAgent the {@code User-Agent} header of every request
     */
    RestTransport(Duration connectTimeout, String userAgent) {
        this.connectTimeout = connectTimeout;
        this.userAgent = userAgent;
    }

    /**
     * @param target where the call goes
     * @param headers the signature headers
     * @param body the body
     * @return the answer; a non-2xx status fails with the typed service exception
     */
    Uni<Answer> post(RequestTarget target, Map<String, String> headers, byte[] body) {
        return api(target.base()).call(target.encodedModelId(), target.operation(), headers.get("Authorization"),
                headers.get("X-Amz-Date"), headers.get("x-amz-content-sha256"), headers.get("X-Amz-Security-Token"),
                headers.get(AttemptHeaders.INVOCATION_ID), headers.get(AttemptHeaders.REQUEST), body)
                .map(RestTransport::checkStatus);
    }

    private BedrockRestApi api(URI base) {
        return apis.computeIfAbsent(base, uri -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(uri)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("User-Agent", userAgent))
                // the REST client's request logging, when turned on, must not print credentials
                .loggingMaskedHeaders(Set.of("authorization", "x-amz-security-token"))
                .build(BedrockRestApi.class));
    }

    /** Closes the REST client instances. */
    void close() {
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

    private static Answer checkStatus(RestResponse<byte[]> response) {
        byte[] entity = entityBytes(response);
        if (response.getStatus() / 100 != 2) {
            throw ServiceErrors.fromResponse(response.getStatus(), response::getHeaderString, entity);
        }
        return new Answer(entity, response.getHeaderString("x-amzn-RequestId"),
                response.getHeaderString("X-Amzn-Bedrock-Input-Token-Count"));
    }

    /** The REST client hands error bodies out as an unread stream rather than the declared byte[]. */
    private static byte[] entityBytes(RestResponse<?> response) {
        Object entity = response.getEntity();
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof InputStream in) {
            try (in) {
                return in.readNBytes(TransportLimits.DEFAULT_MAX_ERROR_BODY);
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }
}
