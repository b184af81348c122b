package io.quarkiverse.bedrock.runtime.family;

import java.util.Optional;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.validation.RequestChecks;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * Chooses the API of a request: {@code useConverse} wins when set; models without a native format use Converse;
 * requests the native API cannot serve (tools) use Converse; everything else uses the family's native API.
 */
public final class ApiRouter {

    private final FamilyRegistry registry;

    /** @param registry the model families */
    public ApiRouter(FamilyRegistry registry) {
        this.registry = registry;
    }

    /**
     * The chosen API, with what the model id says, worked out once for the whole request.
     *
     * @param model the request's model: base model and family
     * @param family the registered family class of the model, if any: its native format or its Converse adjustments
     * @param converse true when the request goes to Converse
     */
    public record Route(ResolvedModel model, Optional<ModelFamily> family, boolean converse) {

        /** @return the family whose native format serves the request, empty for Converse */
        public Optional<ModelFamily> nativeFamily() {
            return converse ? Optional.empty() : family;
        }
    }

    /**
     * @param request the request
     * @return the route
     * @throws InvalidRequestException when {@code useConverse=false} is asked for a model without a native format
     */
    public Route route(ChatRequest request) {
        RequestChecks.check(request);
        ResolvedModel model = ResolvedModel.of(request);
        Optional<ModelFamily> family = registry.find(model);
        boolean nativeFormat = family.map(f -> f.supports(model.id())).orElse(false);
        Optional<Boolean> useConverse = request.options().useConverse();
        if (useConverse.isPresent()) {
            if (!useConverse.get() && converseOnlyOptions(request)) {
                throw new InvalidRequestException("use_converse=false asks for the native API, but a guardrail,"
                        + " request_metadata, a strict tool, an output schema, effort or prompt variables are set:"
                        + " they are sent with Converse; remove them");
            }
            if (!useConverse.get() && !nativeFormat) {
                throw new InvalidRequestException("use_converse=false asks for the native API, but model '"
                        + request.modelId() + "' has no native format" + model.family().map(f -> " (family " + f + ")")
                                .orElse(" (set the 'family' option for an ARN)")
                        + ": remove the option to use Converse");
            }
            return new Route(model, family, useConverse.get());
        }
        return new Route(model, family,
                !(nativeFormat && family.get().canServe(request)) || converseOnlyOptions(request));
    }

    /**
     * A guardrail, request metadata, strict tools, an output schema, effort and prompt variables are Converse members:
     * the native bodies have no place for them. So is a prompt ARN as model id.
     */
    private static boolean converseOnlyOptions(ChatRequest request) {
        BedrockOptions options = request.options();
        return !options.guardrailConfig().isEmpty() || !options.requestMetadata().isEmpty()
                || request.tools().stream().anyMatch(Tool::strict) || options.outputSchema().isPresent()
                || options.effort().isPresent() || !options.promptVariables().isEmpty() || request.modelId().isPrompt();
    }
}
