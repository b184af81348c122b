package io.quarkiverse.bedrock.api.speech;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One speech-to-speech conversation over an HTTP/2 bidirectional stream: what you send goes out as you send it, what
 * the model answers comes in as it arrives.
 * <p>
 * Nothing is sent before {@link #events()} is subscribed to: the subscription opens the stream (and sends the session
 * start, the prompt start and the system prompt). Inputs sent before that wait for it. Each send returns a {@link Uni}
 * that completes once the event is handed to the HTTP/2 stream, which waits while the service's flow-control window is
 * full: wait for it before sending the next audio chunk and the microphone is paced by the network ({@link #sendAll}
 * does so). The events are read from the network as the subscriber asks for them.
 * <p>
 * Cancelling the subscription resets the HTTP/2 stream. {@link #end()} closes the session politely: the open audio
 * content, the prompt and the session are ended, and {@link #events()} completes when the service has finished.
 */
public interface SpeechSession {

    /**
     * @return the model's events; subscribe once. Fails with {@link SpeechSessionTimeoutException} at the session cap,
     *         {@link io.quarkiverse.bedrock.api.error.StreamInterruptedException} when idle or when the stream drops,
     *         or the typed service exception the service sent.
     */
    Multi<SpeechEvent> events();

    /**
     * @param input what to send
     * @return completes when the event is written; fails when the session is over
     */
    Uni<Void> send(SpeechInput input);

    /**
     * Sends inputs one after the other, asking for the next one only when the previous one is written.
     *
     * @param inputs the inputs, e.g. a microphone's chunks
     * @return completes when every input is written
     */
    Uni<Void> sendAll(Multi<? extends SpeechInput> inputs);

    /** @param text a typed user turn @return see {@link #send} */
    default Uni<Void> sendText(String text) {
        return send(new SpeechInput.Text(text));
    }

    /** @param pcm 16 kHz 16-bit mono PCM @return see {@link #send} */
    default Uni<Void> sendAudio(byte[] pcm) {
        return send(new SpeechInput.AudioChunk(pcm));
    }

    /** @param toolUseId the tool use answered @param content the result @return see {@link #send} */
    default Uni<Void> sendToolResult(String toolUseId, String content) {
        return send(new SpeechInput.ToolResult(toolUseId, content));
    }

    /** @return completes once the closing events are written; {@link #events()} completes when the service is done */
    Uni<Void> end();

    /** Resets the stream at once; {@link #events()} completes. */
    void cancel();
}
