package io.quarkiverse.bedrock.test.lifecycle;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.smallrye.mutiny.Uni;

/** Dev-mode test app: one streamed and one non-streamed call per request, so that both transports hold connections. */
@Path("/probe")
public class ProbeResource {

    @Inject
    BedrockClient client;

    @ConfigProperty(name = "quarkus.aws-bedrock.endpoint-override")
    Optional<String> endpoint;

    /** @return the version marker, where the client points and how many text deltas the stream had */
    @GET
    public Uni<String> probe() {
        ChatRequest request = ChatRequest.builder().model("anthropic.claude-3-haiku-20240307-v1:0").user("hi").build();
        return client.stream(request).filter(Chunk.TextDelta.class::isInstance).collect().asList()
                .chain(deltas -> client.chat(request).map(answer -> "v0|" + endpoint.orElse("none") + "|" + deltas.size()));
    }
}
