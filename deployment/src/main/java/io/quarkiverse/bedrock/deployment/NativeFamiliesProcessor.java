package io.quarkiverse.bedrock.deployment;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.runtime.family.meta.LlamaFormatter;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFormatter;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * Registers this extension's native formatters for OpenAI gpt-oss and Meta Llama, and the result types of the
 * structured output and embeddings calls for reflection (applications serialise them).
 */
class NativeFamiliesProcessor {

    @BuildStep
    NativeFormatterBuildItem openAiGptOss() {
        return new NativeFormatterBuildItem(OpenAiFormatter.class.getName());
    }

    @BuildStep
    NativeFormatterBuildItem metaLlama() {
        return new NativeFormatterBuildItem(LlamaFormatter.class.getName());
    }

    @BuildStep
    ReflectiveClassBuildItem structuredAndEmbeddingTypes() {
        List<Class<?>> types = new ArrayList<>(List.of(ObjectChunk.class.getPermittedSubclasses()));
        types.addAll(List.of(ObjectResponse.class, EmbedResponse.class, EmbedResponse.Embedding.class));
        return ReflectiveClassBuildItem.builder(types.toArray(Class<?>[]::new)).methods().fields().constructors().build();
    }
}
