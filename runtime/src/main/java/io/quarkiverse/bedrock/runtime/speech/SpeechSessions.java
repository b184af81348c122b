package io.quarkiverse.bedrock.runtime.speech;

import java.time.Clock;

import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;

/** A client's speech sessions: their HTTP/2 client is created on the first session and closed with the client. */
public final class SpeechSessions {

    private final ClientSettings settings;
    private final CredentialsResolver credentials;
    private final RegionResolver regions;
    private final StreamingHttpClient streaming;
    private SpeechClient client;
    private boolean closed;

    /**
     * @param settings the client's settings (endpoint, connect timeout)
     * @param credentials the client's credentials resolver
     * @param regions the client's region chain
     * @param streaming the client's streaming transport, for its Vert.x instance
     */
    public SpeechSessions(ClientSettings settings, CredentialsResolver credentials, RegionResolver regions,
            StreamingHttpClient streaming) {
        this.settings = settings;
        this.credentials = credentials;
        this.regions = regions;
        this.streaming = streaming;
    }

    /**
     * @param request the session to open
     * @return the session
     */
    public SpeechSession open(SpeechSessionRequest request) {
        return client().open(request);
    }

    private synchronized SpeechClient client() {
        if (closed) {
            throw new IllegalStateException("This Bedrock client is closed: the application is stopping");
        }
        if (client == null) {
            client = new SpeechClient(streaming.vertx(), credentials, regions, settings.config().endpointOverride(),
                    settings.config().connectTimeout(), Clock.systemUTC());
        }
        return client;
    }

    /** Closes the HTTP/2 client, if a session opened it. */
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
