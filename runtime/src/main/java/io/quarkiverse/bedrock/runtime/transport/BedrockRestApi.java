package io.quarkiverse.bedrock.runtime.transport;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * The Bedrock Runtime HTTP operations, as a Quarkus REST client. The body is JSON already serialised to bytes, so that
 * it can be hashed for the signature; the signature headers are computed per call, just before it is sent.
 */
@Path("/model")
public interface BedrockRestApi {

    /**
     * A non-streaming JSON operation ({@code converse}, {@code invoke}, {@code count-tokens}).
     *
     * @param encodedModelId the model id, percent-encoded once ({@code :} as {@code %3A}, {@code /} as {@code %2F})
     * @param operation the operation path segment
     * @param authorization the {@code Authorization} header
     * @param amzDate the {@code X-Amz-Date} header (null for bearer auth)
     * @param contentSha256 the {@code x-amz-content-sha256} header (null for bearer auth)
     * @param securityToken the {@code X-Amz-Security-Token} header (null without session credentials)
     * @param invocationId the {@code amz-sdk-invocation-id} header, the same for every attempt of a call
     * @param attempt the {@code amz-sdk-request} header ({@code attempt=N; max=M})
     * @param body the JSON body
     * @return the response, whatever its status
     */
    @POST
    @Path("/{modelId}/{operation}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> call(@Encoded @PathParam("modelId") String encodedModelId,
            @PathParam("operation") String operation,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Amz-Date") String amzDate,
            @HeaderParam("x-amz-content-sha256") String contentSha256,
            @HeaderParam("X-Amz-Security-Token") String securityToken,
            @HeaderParam("amz-sdk-invocation-id") String invocationId,
            @HeaderParam("amz-sdk-request") String attempt,
            byte[] body);

}
