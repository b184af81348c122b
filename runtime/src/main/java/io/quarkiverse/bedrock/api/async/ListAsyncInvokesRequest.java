package io.quarkiverse.bedrock.api.async;

import java.time.Instant;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * A ListAsyncInvokes request; every filter is optional.
 *
 * @param status only invocations in this state, or null for all
 * @param submittedAfter only invocations submitted after this time, or null
 * @param submittedBefore only invocations submitted before this time, or null
 * @param ascending oldest first when true; Bedrock's default (newest first) when false
 * @param maxResults the page size, 1 to 1000, or null for Bedrock's default
 * @param nextToken the token of the page to fetch, or null for the first page
 * @param options per-request region and credentials
 */
public record ListAsyncInvokesRequest(AsyncInvokeStatus status, Instant submittedAfter, Instant submittedBefore,
        boolean ascending, Integer maxResults, String nextToken, BedrockOptions options) {

    /** Every invocation, newest first, Bedrock's page size. */
    public static final ListAsyncInvokesRequest ALL = new ListAsyncInvokesRequest(null, null, null, false, null, null,
            null);

    /** Checks the request. */
    public ListAsyncInvokesRequest {
        if (status == AsyncInvokeStatus.UNKNOWN) {
            throw new InvalidRequestException("Filter by InProgress, Completed or Failed, not UNKNOWN");
        }
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw new InvalidRequestException("maxResults must be from 1 to 1000, not " + maxResults);
        }
        options = options == null ? BedrockOptions.NONE : options;
    }

    /**
     * @param token the token of the next page
     * @return this request for that page
     */
    public ListAsyncInvokesRequest page(String token) {
        return new ListAsyncInvokesRequest(status, submittedAfter, submittedBefore, ascending, maxResults, token,
                options);
    }
}
