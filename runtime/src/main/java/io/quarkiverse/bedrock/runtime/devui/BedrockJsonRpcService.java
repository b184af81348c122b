package io.quarkiverse.bedrock.runtime.devui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.BedrockClientRegistry;
import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.runtime.telemetry.RecentRequests;
import io.smallrye.mutiny.Multi;

/**
 * The JSON-RPC methods behind the Dev UI's playground and recent-requests pages (dev mode only).
 */
public class BedrockJsonRpcService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BedrockClientRegistry registry;
    private final Instance<RecentRequests> recent;

    BedrockJsonRpcService(BedrockClientRegistry registry, Instance<RecentRequests> recent) {
        this.registry = registry;
        this.recent = recent;
    }

    /** @return the client names, the default client ({@code <default>}) first */
    public List<String> clients() {
        List<String> names = new ArrayList<>();
        names.add(BedrockRuntimeConfig.DEFAULT_CLIENT);
        names.addAll(registry.configuredNames());
        return names;
    }

    /**
     * Streams an answer as playground events, ending with a {@code done} or an {@code error} event.
     *
     * @param client the client name, blank for the default client
     * @param model the model id or inference profile
     * @param system the system prompt, may be blank
     * @param message the user's message
     * @param tools the tools as a JSON array of {@code {name, description, inputSchema}}, may be blank
     * @return the events
     */
    public Multi<Map<String, Object>> chat(String client, String model, String system, String message, String tools) {
        return Multi.createFrom().<Map<String, Object>> deferred(() -> {
            ChatRequest request = request(model, system, message, tools);
            long start = System.nanoTime();
            AtomicBoolean first = new AtomicBoolean(true);
            var bedrock = client == null || client.isBlank() || client.equals(BedrockRuntimeConfig.DEFAULT_CLIENT)
                    ? registry.get()
                    : registry.get(client);
            return bedrock.stream(request)
                    .onItem().transformToIterable(chunk -> {
                        List<Map<String, Object>> events = new ArrayList<>(2);
                        Map<String, Object> event = PlaygroundEvents.of(chunk);
                        if (event != null && first.compareAndSet(true, false)) {
                            events.add(PlaygroundEvents.firstChunk((System.nanoTime() - start) / 1_000_000));
                        }
                        if (event != null) {
                            events.add(event);
                        }
                        return events;
                    })
                    .onCompletion().continueWith(() -> List.of(PlaygroundEvents.done((System.nanoTime() - start)
                            / 1_000_000)));
        }).onFailure().recoverWithItem(failure -> PlaygroundEvents.error(failure));
    }

    /** @return the recent operations of every client, newest first (empty outside dev mode) */
    public List<RecentRequests.Entry> recentRequests() {
        return recent.isResolvable() ? recent.get().entries() : List.of();
    }

    /** Forgets the recent operations. @return true */
    public boolean clearRecentRequests() {
        if (recent.isResolvable()) {
            recent.get().clear();
        }
        return true;
    }

    static ChatRequest request(String model, String system, String message, String tools) {
        if (model == null || model.isBlank()) {
            throw new InvalidRequestException("Pick a model, e.g. anthropic.claude-3-haiku-20240307-v1:0");
        }
        if (message == null || message.isBlank()) {
            throw new InvalidRequestException("Write a message to send");
        }
        ChatRequest.Builder builder = ChatRequest.builder().model(model.trim()).user(message);
        if (system != null && !system.isBlank()) {
            builder.system(system);
        }
        if (tools != null && !tools.isBlank()) {
            JsonNode array;
            try {
                array = JSON.readTree(tools);
            } catch (JsonProcessingException e) {
                throw new InvalidRequestException("The tools are not valid JSON: " + e.getOriginalMessage());
            }
            if (!array.isArray()) {
                throw new InvalidRequestException("The tools must be a JSON array of {name, description, inputSchema}");
            }
            for (JsonNode t : array) {
                builder.tool(new Tool(t.path("name").asText(null), t.path("description").asText(null),
                        Objects.requireNonNullElseGet(t.get("inputSchema"), JSON::createObjectNode)));
            }
        }
        return builder.build();
    }
}
