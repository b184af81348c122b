package io.quarkiverse.bedrock.runtime.speech;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.runtime.transport.ModelPath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * Opens speech sessions ({@code InvokeModelWithBidirectionalStream}) over its own Vert.x HTTP/2 client: the operation
 * is HTTP/2 only, whatever the client's other requests use (prior knowledge over plain http, ALPN over https).
 */
public final class SpeechClient {

    private final Vertx vertx;
    private final CredentialsResolver credentials;
    private final RegionResolver regions;
    private final Optional<URI> endpointOverride;
    private final SpeechRequestSigner signer;
    private final HttpClient http;

    /**
     * @param vertx the application's Vert.x instance
     * @param credentials chooses the credentials of each session
     * @param regions chooses the region of each session
     * @param endpointOverride {@code endpoint-override}, if set
     * @param connectTimeout the connection timeout
     * @param clock the signing clock
     */
    public SpeechClient(Vertx vertx, CredentialsResolver credentials, RegionResolver regions,
            Optional<URI> endpointOverride, Duration connectTimeout, Clock clock) {
        this.vertx = vertx;
        this.credentials = credentials;
        this.regions = regions;
        this.endpointOverride = endpointOverride;
        this.signer = new SpeechRequestSigner(clock);
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2ClearTextUpgrade(false)
                .setVerifyHost(true).setDecompressionSupported(false)
                .setConnectTimeout((int) connectTimeout.toMillis()));
    }

    /**
     * @param request the session's settings
     * @return the session, opened when its events are subscribed to
     */
    public SpeechSession open(SpeechSessionRequest request) {
        return new DefaultSpeechSession(this, request, vertx.getOrCreateContext());
    }

    /** A started HTTP/2 exchange: the request (head sent) and its signer. */
    record Exchange(HttpClientRequest request, EventSigner signer) {
    }

    /** Resolves credentials and region, signs and sends the request head, on {@code context}. */
    Uni<Exchange> connect(SpeechSessionRequest request, Context context) {
        return credentials.resolve(request.options())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(auth -> {
                    String region = regions.resolve(request.options());
                    URI base = BedrockEndpoint.baseUri(region, endpointOverride);
                    URI uri = URI.create(trimSlash(base.toString()) + "/model/" + ModelPath.encode(request.modelId())
                            + "/invoke-with-bidirectional-stream");
                    SpeechRequestSigner.Signed signed = signer.sign(uri, auth, region);
                    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                            .setAbsoluteURI(uri.toString());
                    for (Map.Entry<String, String> h : signed.headers().entrySet()) {
                        if (!h.getKey().equalsIgnoreCase("Host")) { // HTTP/2 sends it as :authority
                            options.putHeader(h.getKey(), h.getValue());
                        }
                    }
                    options.putHeader("Accept", SpeechRequestSigner.EVENT_STREAM);
                    return Uni.createFrom().completionStage(() -> http.request(options)
                            .compose(r -> r.setChunked(true).sendHead().map(v -> new Exchange(r, signed.events())))
                            .toCompletionStage())
                            .onFailure(t -> !(t instanceof BedrockException))
                            .transform(t -> new BedrockTransportException(
                                    "Cannot open a speech stream to " + base + ": " + t, t));
                });
    }

    private static String trimSlash(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Closes the HTTP/2 connections. */
    public void close() {
        http.close();
    }
}
