package io.quarkiverse.bedrock.deployment.devservices;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.bedrock.deployment.BedrockBuildTimeConfig;
import io.quarkiverse.bedrock.testing.EmulatorCredentials;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;

/**
 * Dev Services for Amazon Bedrock: in dev and test mode, when the default client has no endpoint override and no
 * credentials, the in-JVM Bedrock emulator serves the application. Quarkus owns its lifecycle: it is reused across live
 * reloads while its settings stay the same, restarted when they change, and stopped when it is turned off (the client
 * then calls the configured endpoint at the next reload) or the application stops.
 */
@BuildSteps(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
public class BedrockDevServicesProcessor {

    private static final Logger LOG = Logger.getLogger(BedrockDevServicesProcessor.class);
    static final String FEATURE = "bedrock";
    private static final String ROOT = "quarkus.aws-bedrock.";

    /**
     * @param config the build-time configuration
     * @param index the application's classes, the tests' included in test mode
     * @return the emulator as an owned Dev Service, or null when it must not run
     */
    @BuildStep
    public DevServicesResultBuildItem bedrockEmulator(BedrockBuildTimeConfig config, CombinedIndexBuildItem index) {
        BedrockBuildTimeConfig.DevServicesConfig dev = config.devservices();
        Optional<String> reason = !dev.enabled() ? Optional.of(ROOT + "devservices.enabled is false")
                : EmulatorTestResources.declaredOn(index.getIndex())
                        .map(test -> "the BedrockEmulatorTestResource declared on " + test + " provides the emulator")
                        .or(() -> EmulatorDecision.reasonNotToStart(ConfigProvider.getConfig(),
                                dev.ignoreAmbientCredentials()));
        if (reason.isPresent()) {
            LOG.infof("Dev Services for Amazon Bedrock: the emulator does not start (%s)", reason.get());
            return null;
        }
        EmulatorOptions options = EmulatorOptions.defaults().withTokens(dev.tokens())
                .withInterTokenDelay(dev.interTokenDelay()).withFirstByteDelay(dev.firstByteDelay());
        int port = dev.port().orElse(0);
        return DevServicesResultBuildItem.<EmulatorStartable> owned()
                .feature(FEATURE)
                .serviceName("bedrock-emulator")
                .description("Bedrock emulator (quarkus-bedrock-testing), in this JVM")
                .serviceConfig(dev.port() + "/" + dev.tokens() + "/" + dev.interTokenDelay() + "/" + dev.firstByteDelay())
                .startable(() -> new EmulatorStartable(options, port))
                .configProvider(Map.of(ROOT + "endpoint-override", EmulatorStartable::getConnectionInfo))
                .config(Map.of(ROOT + "region", EmulatorCredentials.REGION,
                        ROOT + "credentials.access-key-id", EmulatorCredentials.ACCESS_KEY_ID,
                        ROOT + "credentials.secret-access-key", EmulatorCredentials.SECRET_ACCESS_KEY))
                .postStartHook(emulator -> LOG.infof("Dev Services for Amazon Bedrock started the Bedrock emulator on %s"
                        + " (no endpoint override and no AWS credentials found); set %sdevservices.enabled=false to call"
                        + " AWS", emulator.getConnectionInfo(), ROOT))
                .build();
    }
}
