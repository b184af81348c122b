package io.quarkiverse.bedrock.api.async;

import java.util.List;
import java.util.Optional;

/**
 * One page of ListAsyncInvokes.
 *
 * @param invocations the invocations of the page
 * @param nextToken the token of the next page, null on the last page
 */
public record AsyncInvokePage(List<AsyncInvoke> invocations, String nextToken) {

    /** Copies the list. */
    public AsyncInvokePage {
        invocations = List.copyOf(invocations);
    }

    /** @return the token of the next page, empty on the last page */
    public Optional<String> next() {
        return Optional.ofNullable(nextToken);
    }
}
