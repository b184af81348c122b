package io.quarkiverse.bedrock.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The Amazon Bedrock Runtime client: one call shape for every model family.
 * <p>
 * Obtain it with {@code @Inject @Bedrock BedrockClient client}. Every method is lazy: nothing is sent until the
 * returned {@link Uni} or {@link Multi} is subscribed to, and every subscription sends a new, freshly signed request.
 * Failures are reported as subclasses of {@link io.quarkiverse.bedrock.api.error.BedrockException}.
 */
public interface BedrockClient {

    /**
     * Sends a chat request and returns the complete answer.
     *
     * @param request the request; must name a model and hold at least one message
     * @return the answer, emitted once the model has finished
     */
    Uni<ChatResponse> chat(ChatRequest request);

    /**
     * Sends a chat request and streams the answer as it is generated.
     *
     * @param request the request; must name a model and hold at least one message
     * @return the chunks of the answer, with backpressure: a slow subscriber slows the read from the network
     */
    Multi<Chunk> stream(ChatRequest request);
}
