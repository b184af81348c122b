package io.quarkiverse.bedrock.deployment;

import io.quarkiverse.bedrock.family.meta.LlamaFormatter;
import io.quarkiverse.bedrock.family.openai.OpenAiFormatter;
import io.quarkus.deployment.annotations.BuildStep;

/** Registers this extension's native formatters for OpenAI gpt-oss and Meta Llama. */
class NativeFamiliesProcessor {

    @BuildStep
    NativeFormatterBuildItem openAiGptOss() {
        return new NativeFormatterBuildItem(OpenAiFormatter.class.getName());
    }

    @BuildStep
    NativeFormatterBuildItem metaLlama() {
        return new NativeFormatterBuildItem(LlamaFormatter.class.getName());
    }
}
