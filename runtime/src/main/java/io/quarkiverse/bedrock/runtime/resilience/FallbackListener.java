package io.quarkiverse.bedrock.runtime.resilience;

import io.smallrye.mutiny.Context;

/**
 * Hears that a call was answered another way than asked, for telemetry: e.g. a streamed chat with tools answered by a
 * non-streaming call because the model cannot stream tool use. Implementations must be quick and must not throw.
 */
public interface FallbackListener {

    /** The streaming-tools fallback: a stream with tools answered by non-streaming Converse. */
    String STREAMING_TOOLS = "streaming-tools";

    /** The key of the Mutiny {@link Context} entry holding the listener of one call. */
    String CONTEXT_KEY = FallbackListener.class.getName();

    /** Hears nothing. */
    FallbackListener NONE = kind -> {
    };

    /** @param kind which fallback was used, e.g. {@link #STREAMING_TOOLS} */
    void onFallback(String kind);

    /** @param context the subscriber's context @return the listener of the call it belongs to, or {@link #NONE} */
    static FallbackListener in(Context context) {
        return context.getOrElse(CONTEXT_KEY, () -> NONE);
    }
}
