package io.quarkiverse.bedrock.runtime.telemetry;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.api.async.AsyncInvokes;
import io.quarkiverse.bedrock.api.guardrail.Guardrails;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A client delegate for tests and benchmarks of the telemetry wrapper: every operation fails with
 * {@link UnsupportedOperationException} unless a subclass answers it.
 */
public abstract class UnsupportedBedrockClient implements BedrockClient {

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Multi<Chunk> stream(ChatRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Uni<ObjectResponse<JsonNode>> generateObject(ChatRequest request, JsonNode schema) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Uni<ObjectResponse<T>> generateObject(ChatRequest request, Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Multi<ObjectChunk<JsonNode>> streamObject(ChatRequest request, JsonNode schema) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Multi<ObjectChunk<T>> streamObject(ChatRequest request, Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Uni<Integer> countTokens(ChatRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SpeechSession speech(SpeechSessionRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Guardrails guardrails() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AsyncInvokes asyncInvokes() {
        throw new UnsupportedOperationException();
    }
}
