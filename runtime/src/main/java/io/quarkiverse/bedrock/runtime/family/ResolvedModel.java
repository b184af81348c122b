package io.quarkiverse.bedrock.runtime.family;

import java.util.Locale;
import java.util.Optional;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ModelId;

/**
 * What a request's model id says, worked out once per request: the base model ({@link ModelId#baseModel()}) and the
 * family, the provider part of the base model ({@code global.anthropic.claude-...} is {@code anthropic}) unless the
 * request's {@code family} option names it (for ARNs that hide the model).
 *
 * @param id the model id
 * @param baseModel the base model id, empty for an ARN that hides it
 * @param family the family in lower case, empty when it cannot be told
 */
public record ResolvedModel(ModelId id, Optional<String> baseModel, Optional<String> family) {

    /**
     * @param request a request
     * @return its model, the {@code family} option taking precedence over the id
     */
    public static ResolvedModel of(ChatRequest request) {
        return of(request.modelId(), request.options().family());
    }

    /**
     * @param id a model id
     * @param explicitFamily the family given in the request options, if any
     * @return the model
     */
    public static ResolvedModel of(ModelId id, Optional<String> explicitFamily) {
        Optional<String> base = id.baseModel();
        Optional<String> family = explicitFamily.or(() -> base.map(b -> {
            int dot = b.indexOf('.');
            return dot > 0 ? b.substring(0, dot) : b;
        })).map(f -> f.toLowerCase(Locale.ROOT));
        return new ResolvedModel(id, base, family);
    }
}
