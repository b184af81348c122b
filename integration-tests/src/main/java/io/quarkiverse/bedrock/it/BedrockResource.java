package io.quarkiverse.bedrock.it;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.sse.ChunkEvents;
import io.smallrye.mutiny.Uni;

/** The demo app: a chat endpoint on top of the injected Bedrock client. */
@Path("/bedrock")
public class BedrockResource {

    @Inject
    @Bedrock
    BedrockClient bedrock;

    @ConfigProperty(name = "demo.default-model")
    String defaultModel;

    /** JSON in: one message of the conversation. */
    public record MessageBody(String role, String content) {
    }

    /** JSON in: a tool the model may call. */
    public record ToolBody(String name, String description, JsonNode inputSchema) {
    }

    /**
     * JSON in: a chat request; {@code system} is a string or a list of strings, {@code options} use snake_case names,
     * {@code toolChoice} is {@code "auto"}, {@code "any"} or a tool name.
     */
    public record ChatBody(String model, JsonNode system, List<MessageBody> messages, Integer maxTokens,
            Double temperature, Double topP, List<String> stopSequences, Map<String, Object> options,
            List<ToolBody> tools, String toolChoice) {
    }

    /** JSON out: the answer. */
    public record ChatReply(String text, List<Map<String, Object>> toolCalls, String stopReason, Usage usage,
            String modelId, String requestId) {
        static ChatReply of(ChatResponse r) {
            return new ChatReply(r.text(),
                    r.toolCalls().stream()
                            .map(c -> Map.<String, Object> of("id", c.id(), "name", c.name(), "arguments", c.input()))
                            .toList(),
                    r.stopReason() == null ? null : r.stopReason().wireName(), r.usage(), r.modelId(), r.requestId());
        }
    }

    @POST
    @Path("/chat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ChatReply> chat(ChatBody body) {
        return bedrock.chat(toRequest(body)).map(ChatReply::of);
    }

    /**
     * Streams the answer as server-sent events, one JSON object per chunk with a {@code type} field, and an
     * {@code error} event when the stream fails after it started; a failure before is an HTTP status.
     */
    @POST
    @Path("/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Uni<Void> stream(ChatBody body, @Context SseEventSink sink, @Context Sse sse) {
        return ChunkEvents.send(bedrock.stream(toRequest(body)), sink, sse);
    }

    ChatRequest toRequest(ChatBody body) {
        if (body == null) {
            throw new InvalidRequestException(
                    "The request body is missing: send {\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]}");
        }
        ChatRequest.Builder builder = ChatRequest.builder()
                .model(body.model() == null ? defaultModel : body.model())
                .maxTokens(body.maxTokens())
                .temperature(body.temperature())
                .topP(body.topP())
                .options(BedrockOptions.fromMap(body.options()));
        if (body.system() != null) {
            if (body.system().isArray()) {
                body.system().forEach(s -> builder.system(s.asText()));
            } else {
                builder.system(body.system().asText());
            }
        }
        if (body.tools() != null) {
            body.tools().forEach(t -> builder.tool(new Tool(t.name(), t.description(), t.inputSchema())));
        }
        if (body.toolChoice() != null) {
            builder.toolChoice(switch (body.toolChoice()) {
                case "auto" -> ToolChoice.auto();
                case "any" -> ToolChoice.any();
                default -> ToolChoice.tool(body.toolChoice());
            });
        }
        if (body.stopSequences() != null) {
            builder.stopSequences(body.stopSequences());
        }
        if (body.messages() != null) {
            for (MessageBody m : body.messages()) {
                if (m == null || m.role() == null || m.content() == null) {
                    throw new InvalidRequestException("Each message needs a role and a content");
                }
                Role role;
                try {
                    role = Role.fromName(m.role());
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException(e.getMessage());
                }
                builder.message(role == Role.USER ? Message.user(m.content()) : Message.assistant(m.content()));
            }
        }
        return builder.build();
    }
}
