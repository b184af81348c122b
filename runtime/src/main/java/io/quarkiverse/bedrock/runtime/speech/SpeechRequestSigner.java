package io.quarkiverse.bedrock.runtime.speech;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.auth.AwsAuth;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.auth.SigV4;

/**
 * Signs the request that opens a bidirectional stream: SigV4 over the headers with the payload hash
 * {@value EventSigner#STREAMING_PAYLOAD}, and an {@link EventSigner} seeded with that signature for the events.
 */
public final class SpeechRequestSigner {

    /** The media type of both bodies. */
    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final Clock clock;

    /** @param clock the signing clock, for the request and every event */
    public SpeechRequestSigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * The headers of the request and the signer of its events.
     *
     * @param headers the headers to send: {@code Host}, {@code Content-Type}, {@code X-Amz-Date},
     *        {@code x-amz-content-sha256}, {@code X-Amz-Security-Token} with session credentials, {@code Authorization}
     * @param events signs the events of this request, in order
     */
    public record Signed(Map<String, String> headers, EventSigner events) {
        @Override
        public String toString() {
            return "Signed[headers=" + headers.keySet() + "]";
        }
    }

    /**
     * @param uri the exact URI (path already encoded)
     * @param auth the credentials
     * @param region the signing region
     * @return the signed headers and the event signer
     * @throws InvalidRequestException with a Bedrock API key: the operation accepts SigV4 only
     */
    public Signed sign(URI uri, AwsAuth auth, String region) {
        if (auth instanceof AwsAuth.Bearer bearer) {
            throw new InvalidRequestException("Bedrock API keys are not accepted for speech sessions"
                    + " (InvokeModelWithBidirectionalStream signs every event with SigV4); the key came from "
                    + bearer.source() + ": use AWS credentials (access key and secret, a profile or a role) for this client");
        }
        AwsAuth.SigV4 sigV4 = (AwsAuth.SigV4) auth;
        String host = hostHeader(uri);
        SigV4.Request request = new SigV4.Request("POST", uri.getRawPath(), List.of(),
                List.of(Map.entry("Host", host), Map.entry("Content-Type", EVENT_STREAM)), new byte[0]);
        SigV4.Result result = SigV4.sign(request, sigV4.identity(),
                new SigV4.Options(RequestSigner.SIGNING_NAME, region, clock.instant(), true, true, true),
                EventSigner.STREAMING_PAYLOAD);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("Content-Type", EVENT_STREAM);
        headers.putAll(result.headers());
        return new Signed(headers, new EventSigner(sigV4.identity(), region, RequestSigner.SIGNING_NAME,
                result.signature(), clock));
    }

    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
