package io.quarkiverse.bedrock.deployment.health;

import io.quarkiverse.bedrock.runtime.health.BedrockReadinessCheck;
import io.quarkiverse.bedrock.runtime.health.HealthConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/** Adds the Bedrock readiness check when it is enabled and the application has {@code quarkus-smallrye-health}. */
class HealthProcessor {

    @BuildStep
    void readinessCheck(HealthConfig config, Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.enabled() && capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(BedrockReadinessCheck.class));
        }
    }
}
