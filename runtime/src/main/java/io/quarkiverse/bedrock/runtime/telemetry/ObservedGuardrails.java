package io.quarkiverse.bedrock.runtime.telemetry;

import io.quarkiverse.bedrock.api.guardrail.ApplyGuardrailRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailChecksRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailChecksResult;
import io.quarkiverse.bedrock.api.guardrail.GuardrailResult;
import io.quarkiverse.bedrock.api.guardrail.Guardrails;
import io.smallrye.mutiny.Uni;

/** Guardrail calls reported as {@code apply_guardrail} and {@code invoke_guardrail_checks} operations. */
final class ObservedGuardrails implements Guardrails {

    private final Guardrails delegate;
    private final ObservedBedrockClient client;

    ObservedGuardrails(Guardrails delegate, ObservedBedrockClient client) {
        this.delegate = delegate;
        this.client = client;
    }

    @Override
    public Uni<GuardrailResult> apply(ApplyGuardrailRequest request) {
        return client.observe(
                () -> client.operation(Operation.APPLY_GUARDRAIL, null, "apply-guardrail", request.guardrailIdentifier()),
                () -> delegate.apply(request),
                r -> new Outcome(r.requestId(), null, null, null, null, -1, null));
    }

    @Override
    public Uni<GuardrailChecksResult> check(GuardrailChecksRequest request) {
        return client.observe(
                () -> client.operation(Operation.GUARDRAIL_CHECKS, null, "invoke-guardrail-checks", null),
                () -> delegate.check(request),
                r -> new Outcome(r.requestId(), null, null, null, null, -1, null));
    }
}
