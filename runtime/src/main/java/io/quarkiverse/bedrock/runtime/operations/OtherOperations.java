package io.quarkiverse.bedrock.runtime.operations;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.async.AsyncInvokes;
import io.quarkiverse.bedrock.api.guardrail.Guardrails;
import io.quarkiverse.bedrock.runtime.async.AsyncInvokeCalls;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.guardrail.GuardrailCalls;

/** The operations of a client that do not address a model, sharing one {@link OperationCalls}. */
public final class OtherOperations implements AutoCloseable {

    private final OperationCalls calls;
    private final GuardrailCalls guardrails;
    private final AsyncInvokeCalls asyncInvokes;

    /**
     * @param settings the client's name and configuration
     * @param json the mapper for bodies
     * @param credentials chooses the credentials of each request
     * @param regions chooses the region of each request
     * @param signer signs each request
     */
    public OtherOperations(ClientSettings settings, ObjectMapper json, CredentialsResolver credentials,
            RegionResolver regions, RequestSigner signer) {
        this.calls = new OperationCalls(settings, json, credentials, regions, signer);
        this.guardrails = new GuardrailCalls(calls);
        this.asyncInvokes = new AsyncInvokeCalls(calls);
    }

    /** @return ApplyGuardrail and InvokeGuardrailChecks */
    public Guardrails guardrails() {
        return guardrails;
    }

    /** @return the asynchronous invocation operations */
    public AsyncInvokes asyncInvokes() {
        return asyncInvokes;
    }

    @Override
    public void close() {
        calls.close();
    }
}
