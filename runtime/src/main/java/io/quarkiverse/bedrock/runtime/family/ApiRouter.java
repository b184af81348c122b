package io.quarkiverse.bedrock.runtime.family;

import java.util.Optional;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.spi.NativeFormatter;

/**
 * Chooses the API of a request: {@code useConverse} wins when set; families without a native formatter use Converse;
 * requests the native API cannot serve (tools) use Converse; everything else uses the family's native API.
 */
public final class ApiRouter {

    private final FamilyRegistry registry;

    /** @param registry the native formatters */
    public ApiRouter(FamilyRegistry registry) {
        this.registry = registry;
    }

    /**
     * The chosen API.
     *
     * @param formatter the native formatter, empty for Converse
     * @param family the model family, empty when it cannot be told (an ARN without a {@code family} option)
     */
    public record Route(Optional<NativeFormatter> formatter, Optional<String> family) {
        /** @return true when the request goes to Converse */
        public boolean converse() {
            return formatter.isEmpty();
        }
    }

    /**
     * @param request the request
     * @return the route
     * @throws InvalidRequestException when {@code useConverse=false} is asked for a model without a native formatter
     */
    public Route route(ChatRequest request) {
        io.quarkiverse.bedrock.runtime.validation.RequestChecks.check(request);
        Optional<String> family = ModelFamily.of(request.modelId(), request.options().family());
        Optional<NativeFormatter> formatter = family.flatMap(f -> registry.find(f, request.modelId()));
        Optional<Boolean> useConverse = request.options().useConverse();
        if (useConverse.isPresent()) {
            if (useConverse.get()) {
                return new Route(Optional.empty(), family);
            }
            if (converseOnlyOptions(request)) {
                throw new InvalidRequestException("use_converse=false asks for the native API, but a guardrail,"
                        + " request_metadata or a strict tool is set: they are sent with Converse; remove one of them");
            }
            if (formatter.isEmpty()) {
                throw new InvalidRequestException("use_converse=false asks for the native API, but model '"
                        + request.modelId() + "' has no native formatter" + family.map(f -> " (family " + f + ")")
                                .orElse(" (set the 'family' option for an ARN)")
                        + ": remove the option to use Converse");
            }
            return new Route(formatter, family);
        }
        if (formatter.isPresent() && formatter.get().canServe(request) && !converseOnlyOptions(request)) {
            return new Route(formatter, family);
        }
        return new Route(Optional.empty(), family);
    }

    /** A guardrail, request metadata and strict tools are Converse members: the native bodies have no place for them. */
    private static boolean converseOnlyOptions(ChatRequest request) {
        return !request.options().guardrailConfig().isEmpty() || !request.options().requestMetadata().isEmpty()
                || request.tools().stream().anyMatch(io.quarkiverse.bedrock.api.Tool::strict);
    }
}
