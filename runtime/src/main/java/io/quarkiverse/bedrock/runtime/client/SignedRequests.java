package io.quarkiverse.bedrock.runtime.client;

import java.net.URI;
import java.util.Map;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.runtime.auth.AwsAuth;
import io.quarkiverse.bedrock.runtime.auth.CredentialText;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.resilience.AttemptHeaders;
import io.smallrye.mutiny.Uni;

/** Signs each attempt just before it goes out, with the credentials chosen for it, and hands it to a transport. */
final class SignedRequests {

    private static final Logger LOG = Logger.getLogger(SignedRequests.class);

    private final CredentialsResolver credentials;
    private final RequestSigner signer;

    SignedRequests(CredentialsResolver credentials, RequestSigner signer) {
        this.credentials = credentials;
        this.signer = signer;
    }

    /**
     * @param target where the call goes
     * @param body the exact body bytes
     * @param options the request options (credentials overrides)
     * @param attempts the headers that tell this call's attempts apart, signed with each
     * @param transport sends the signed request: the URI and the headers to add
     * @param <T> what the transport answers
     * @return the answer; a failure that is no {@link BedrockException} becomes a {@link BedrockTransportException}
     */
    <T> Uni<T> send(RequestTarget target, byte[] body, BedrockOptions options, AttemptHeaders attempts,
            BiFunction<URI, Map<String, String>, Uni<T>> transport) {
        return credentials.resolve(options).map(CredentialText::clean).chain(auth -> {
            URI uri = target.uri();
            Map<String, String> headers = signer.sign("POST", uri, body, auth, target.region(), attempts.next());
            LOG.debugf("POST %s (%d bytes, %s)", uri, body.length, describe(auth));
            return transport.apply(uri, headers)
                    .onFailure(t -> !(t instanceof BedrockException)).transform(t -> new BedrockTransportException(
                            "Cannot reach the Bedrock endpoint " + target.base() + ": " + t, t));
        });
    }

    /** @return where the credentials come from, never the secret */
    private static String describe(AwsAuth auth) {
        return auth instanceof AwsAuth.SigV4 s ? "SigV4 " + s.identity().accessKeyId() + " from " + s.source()
                : "bearer key from " + ((AwsAuth.Bearer) auth).source();
    }
}
