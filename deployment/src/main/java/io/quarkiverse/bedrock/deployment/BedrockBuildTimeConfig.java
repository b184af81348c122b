package io.quarkiverse.bedrock.deployment;

import java.time.Duration;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time configuration of the Bedrock extension.
 */
@ConfigMapping(prefix = "quarkus.aws-bedrock")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface BedrockBuildTimeConfig {

    /**
     * Dev Services: in dev and test mode, a local Bedrock emulator replaces AWS when no credentials are configured.
     */
    @ConfigDocSection
    DevServicesConfig devservices();

    /**
     * Dev Services configuration.
     */
    interface DevServicesConfig {

        /**
         * Whether to start the Bedrock emulator in dev and test mode. It starts only when the default client has no
         * `quarkus.aws-bedrock.endpoint-override` and the client's credentials resolver finds no credentials
         * (`quarkus.aws-bedrock.credentials.*`, `AWS_BEARER_TOKEN_BEDROCK`, the `aws.accessKeyId` system property,
         * `AWS_ACCESS_KEY_ID`, web identity, an AWS profile with keys, SSO, a process or a role, container
         * credentials), and when no test of the module declares the `BedrockEmulatorTestResource`.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Start the emulator even when AWS credentials are found in the environment, system properties or the AWS
         * shared files (credentials set in `quarkus.aws-bedrock.credentials.*` still turn it off).
         */
        @WithDefault("false")
        boolean ignoreAmbientCredentials();

        /**
         * Port of the emulator on 127.0.0.1; a free port when unset.
         */
        OptionalInt port();

        /**
         * Number of tokens in each generated answer.
         */
        @WithDefault("40")
        int tokens();

        /**
         * Delay between two streamed tokens, to make streaming visible in dev mode.
         */
        @WithDefault("20ms")
        Duration interTokenDelay();

        /**
         * Delay before the first byte of each answer.
         */
        @WithDefault("0s")
        Duration firstByteDelay();
    }
}
