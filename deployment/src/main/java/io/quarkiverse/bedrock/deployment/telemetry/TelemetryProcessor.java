package io.quarkiverse.bedrock.deployment.telemetry;

import io.quarkiverse.bedrock.runtime.telemetry.BedrockTelemetry;
import io.quarkiverse.bedrock.runtime.telemetry.RecentRequests;
import io.quarkiverse.bedrock.runtime.telemetry.micrometer.GenAiMeters;
import io.quarkiverse.bedrock.runtime.telemetry.otel.GenAiSpans;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.runtime.LaunchMode;

/**
 * Registers the telemetry beans: the spans only when the application has {@code quarkus-opentelemetry}, the metrics
 * only when it has {@code quarkus-micrometer}. Without them no OpenTelemetry or Micrometer class is ever loaded, and
 * with neither the clients are not wrapped at all.
 */
class TelemetryProcessor {

    @BuildStep
    AdditionalBeanBuildItem telemetryBeans(Capabilities capabilities, LaunchModeBuildItem launchMode) {
        AdditionalBeanBuildItem.Builder beans = AdditionalBeanBuildItem.builder()
                .addBeanClass(BedrockTelemetry.class);
        if (launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT) {
            beans.addBeanClass(RecentRequests.class); // the Dev UI's recent-requests page
        }
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            beans.addBeanClass(GenAiSpans.class);
        }
        // io.quarkus.metrics is provided by quarkus-micrometer only (quarkus-smallrye-metrics is gone), but check the
        // class too so that another metrics extension never makes us load Micrometer types that are not there
        if (capabilities.isPresent(Capability.METRICS) && QuarkusClassLoader.isClassPresentAtRuntime(
                "io.micrometer.core.instrument.MeterRegistry")) {
            beans.addBeanClass(GenAiMeters.class);
        }
        return beans.setUnremovable().build();
    }
}
