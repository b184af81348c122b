package io.quarkiverse.bedrock.test.devservices;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.smallrye.mutiny.Uni;

/** Test app endpoint: asks Bedrock (the Dev Services emulator) and reports where the client points. */
@Path("/chat")
public class ChatResource {

    @Inject
    @Bedrock
    BedrockClient client;

    @ConfigProperty(name = "quarkus.aws-bedrock.endpoint-override")
    java.util.Optional<String> endpoint;

    /** @param prompt the user prompt @return version marker, endpoint and the answer text */
    @GET
    public Uni<String> chat(@QueryParam("prompt") String prompt) {
        return client.chat(ChatRequest.builder().model("anthropic.claude-3-haiku-20240307-v1:0").user(prompt).build())
                .map(r -> "v1|" + endpoint.orElse("none") + "|" + r.text());
    }

    /** @return where the client points */
    @GET
    @Path("/endpoint")
    public String endpoint() {
        return endpoint.orElse("none");
    }
}
