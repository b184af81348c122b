package io.quarkiverse.bedrock.api.async;

import io.quarkiverse.bedrock.api.error.BedrockException;

/** An asynchronous invocation had not finished when the caller's deadline passed; it may still finish later. */
public class AsyncInvokeDeadlineException extends BedrockException {

    private static final long serialVersionUID = 1L;

    private final transient AsyncInvoke last;

    /**
     * @param message what happened
     * @param last the invocation as last seen, may be null when no poll answered
     */
    public AsyncInvokeDeadlineException(String message, AsyncInvoke last) {
        super(message);
        this.last = last;
    }

    /** @return the invocation as last seen, may be null */
    public AsyncInvoke last() {
        return last;
    }
}
