package io.quarkiverse.bedrock.deployment;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.runtime.family.meta.LlamaFamily;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFamily;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * Registers this extension's model families OpenAI gpt-oss and Meta Llama, and the result types of the
 * structured output and embeddings calls for reflection (applications serialise them).
 */
class NativeFamiliesProcessor {

    @BuildStep
    ModelFamilyBuildItem openAiFamily() {
        return new ModelFamilyBuildItem(OpenAiFamily.class.getName());
    }

    @BuildStep
    ModelFamilyBuildItem llamaFamily() {
        return new ModelFamilyBuildItem(LlamaFamily.class.getName());
    }

    @BuildStep
    ReflectiveClassBuildItem structuredAndEmbeddingTypes() {
        List<Class<?>> types = new ArrayList<>(List.of(ObjectChunk.class.getPermittedSubclasses()));
        types.addAll(List.of(ObjectResponse.class, EmbedResponse.class, EmbedResponse.Embedding.class));
        return ReflectiveClassBuildItem.builder(types.toArray(Class<?>[]::new)).methods().fields().constructors().build();
    }
}
