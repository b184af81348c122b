package io.quarkiverse.bedrock.deployment;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.runtime.BedrockClientProducer;
import io.quarkiverse.bedrock.runtime.BedrockConfigValidator;
import io.quarkiverse.bedrock.transport.BedrockRestApi;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

class BedrockProcessor {

    static final String FEATURE = "bedrock";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(BedrockClientProducer.class, BedrockConfigValidator.class)
                .setUnremovable().build();
    }

    /** The REST client interface must be in the index so that Quarkus generates its implementation at build time. */
    @BuildStep
    AdditionalIndexedClassesBuildItem restClient() {
        return new AdditionalIndexedClassesBuildItem(BedrockRestApi.class.getName());
    }

    /** Types that applications commonly (de)serialise with Jackson, e.g. when returning a ChatResponse from a REST endpoint. */
    @BuildStep
    ReflectiveClassBuildItem reflection() {
        return ReflectiveClassBuildItem.builder(ChatResponse.class, Usage.class, StopReason.class, Message.class,
                ContentBlock.Text.class, BedrockOptions.class)
                .methods().fields().constructors().build();
    }

    /** Every chunk record, for applications that serialise chunks (e.g. as server-sent events). */
    @BuildStep
    ReflectiveClassBuildItem chunkReflection() {
        return ReflectiveClassBuildItem.builder(Chunk.class.getPermittedSubclasses())
                .methods().fields().constructors().build();
    }
}
