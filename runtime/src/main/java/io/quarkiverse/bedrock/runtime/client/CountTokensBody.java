package io.quarkiverse.bedrock.runtime.client;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;

/**
 * The CountTokens call: its body wraps the request as the API it is routed to would receive it (the Converse members
 * CountTokens accepts, or the native body in base64), and its answer holds {@code inputTokens}.
 */
final class CountTokensBody {

    /** The members of a Converse request that CountTokens takes. */
    private static final List<String> CONVERSE_MEMBERS = List.of("messages", "system", "toolConfig",
            "additionalModelRequestFields");

    private CountTokensBody() {
    }

    /**
     * @param request the request to count
     * @param route its route
     * @param converse builds Converse bodies
     * @param json writes native bodies
     * @return the CountTokens body
     */
    static ObjectNode of(ChatRequest request, ApiRouter.Route route, ConverseFormatter converse, JsonBodies json) {
        ObjectNode body = json.mapper().createObjectNode();
        ObjectNode input = body.putObject("input");
        if (route.converse()) {
            ObjectNode converseBody = converse.requestBody(request, route);
            ObjectNode counted = input.putObject("converse");
            for (String member : CONVERSE_MEMBERS) {
                if (converseBody.has(member)) {
                    counted.set(member, converseBody.get(member));
                }
            }
        } else {
            byte[] nativeBody = json.bytes(route.nativeFamily().get().requestBody(request, json.mapper()));
            input.putObject("invokeModel").put("body", Base64.getEncoder().encodeToString(nativeBody));
        }
        return body;
    }

    /**
     * @param answer the CountTokens answer
     * @param requestId its request id, may be null
     * @return its {@code inputTokens}
     * @throws BedrockServiceException when it has none
     */
    static int inputTokens(JsonNode answer, String requestId) {
        JsonNode tokens = answer.path("inputTokens");
        if (!tokens.isInt()) {
            throw new BedrockServiceException(200, "MalformedResponse", "The CountTokens answer has no inputTokens",
                    requestId);
        }
        return tokens.asInt();
    }
}
