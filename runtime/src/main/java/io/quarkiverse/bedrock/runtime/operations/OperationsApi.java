package io.quarkiverse.bedrock.runtime.operations;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * The Bedrock Runtime operations that do not address a model: guardrails and asynchronous invocations. Path and query
 * values are passed already percent-encoded, so the URI that is signed is the URI that is sent.
 */
@Path("")
public interface OperationsApi {

    /** ApplyGuardrail. */
    @POST
    @Path("/guardrail/{id}/version/{version}/apply")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> applyGuardrail(@Encoded @PathParam("id") String encodedId,
            @Encoded @PathParam("version") String encodedVersion,
            @HeaderParam("Authorization") String authorization, @HeaderParam("X-Amz-Date") String amzDate,
            @HeaderParam("x-amz-content-sha256") String contentSha256,
            @HeaderParam("X-Amz-Security-Token") String securityToken, byte[] body);

    /** InvokeGuardrailChecks. */
    @POST
    @Path("/guardrail-checks/invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> guardrailChecks(@HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Amz-Date") String amzDate, @HeaderParam("x-amz-content-sha256") String contentSha256,
            @HeaderParam("X-Amz-Security-Token") String securityToken, byte[] body);

    /** StartAsyncInvoke. */
    @POST
    @Path("/async-invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> startAsyncInvoke(@HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Amz-Date") String amzDate, @HeaderParam("x-amz-content-sha256") String contentSha256,
            @HeaderParam("X-Amz-Security-Token") String securityToken, byte[] body);

    /** GetAsyncInvoke. */
    @GET
    @Path("/async-invoke/{arn}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> getAsyncInvoke(@Encoded @PathParam("arn") String encodedArn,
            @HeaderParam("Authorization") String authorization, @HeaderParam("X-Amz-Date") String amzDate,
            @HeaderParam("x-amz-content-sha256") String contentSha256,
            @HeaderParam("X-Amz-Security-Token") String securityToken);

    /** ListAsyncInvokes; null query values are left out. */
    @GET
    @Path("/async-invoke")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> listAsyncInvokes(@Encoded @QueryParam("statusEquals") String statusEquals,
            @Encoded @QueryParam("submitTimeAfter") String submitTimeAfter,
            @Encoded @QueryParam("submitTimeBefore") String submitTimeBefore,
            @Encoded @QueryParam("sortBy") String sortBy, @Encoded @QueryParam("sortOrder") String sortOrder,
            @Encoded @QueryParam("maxResults") String maxResults, @Encoded @QueryParam("nextToken") String nextToken,
            @HeaderParam("Authorization") String authorization, @HeaderParam("X-Amz-Date") String amzDate,
            @HeaderParam("x-amz-content-sha256") String contentSha256,
            @HeaderParam("X-Amz-Security-Token") String securityToken);
}
