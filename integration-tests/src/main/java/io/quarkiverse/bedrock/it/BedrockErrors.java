package io.quarkiverse.bedrock.it;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.rest.BedrockExceptionMapper;

/** The demo opts in to the extension's mapping of Bedrock exceptions to HTTP answers. */
public class BedrockErrors {

    private final BedrockExceptionMapper mapper = new BedrockExceptionMapper();

    @ServerExceptionMapper
    public Response map(BedrockException e) {
        return mapper.toResponse(e);
    }
}
