package io.quarkiverse.bedrock.runtime.health;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The readiness check of the Bedrock clients, under {@code quarkus.aws-bedrock.health} (needs
 * {@code quarkus-smallrye-health}).
 */
@ConfigMapping(prefix = "quarkus.aws-bedrock.health")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface HealthConfig {

    /**
     * Whether to add a readiness check reporting, for every client, that its configuration is valid, its region and
     * where its credentials come from (never a secret). No network call and no cost unless {@code check-endpoint} is set.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Whether the readiness check also sends one unsigned {@code GET} to each client's endpoint and is down when no
     * HTTP answer comes back within {@code endpoint-timeout}. Bedrock answers it with an error status, which counts as up:
     * only reachability is checked, nothing is invoked and nothing is billed.
     */
    @WithDefault("false")
    boolean checkEndpoint();

    /**
     * How long the endpoint check waits for an answer.
     */
    @WithDefault("5s")
    Duration endpointTimeout();
}
