package io.quarkiverse.bedrock.it;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** Turns the client's typed errors into JSON answers that keep the error type, status and request id. */
public class BedrockErrorMapper {

    /** JSON out: an error. */
    public record ErrorReply(String error, String message, String requestId) {
    }

    @ServerExceptionMapper
    public Response service(BedrockServiceException e) {
        return Response.status(e.statusCode())
                .entity(new ErrorReply(e.getClass().getSimpleName(), e.getMessage(), e.requestId())).build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Response.status(400).entity(new ErrorReply(e.getClass().getSimpleName(), e.getMessage(), null)).build();
    }

    @ServerExceptionMapper
    public Response configuration(BedrockConfigurationException e) {
        return Response.status(500).entity(new ErrorReply(e.getClass().getSimpleName(), e.getMessage(), null)).build();
    }
}
