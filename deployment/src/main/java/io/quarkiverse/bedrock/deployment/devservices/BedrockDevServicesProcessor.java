package io.quarkiverse.bedrock.deployment.devservices;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.bedrock.deployment.BedrockBuildTimeConfig;
import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkiverse.bedrock.testing.EmulatorOptions;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.CuratedApplicationShutdownBuildItem;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem.RunningDevService;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;

/**
 * Dev Services for Amazon Bedrock: in dev and test mode, when the app has no endpoint override and no AWS credentials,
 * starts the in-JVM {@link BedrockEmulator} on a free loopback port and points the app's client at it. The emulator
 * survives live reloads (same port, no leak) and restarts only when its settings change; it stops with the application.
 */
@BuildSteps(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
public class BedrockDevServicesProcessor {

    private static final Logger LOG = Logger.getLogger(BedrockDevServicesProcessor.class);
    private static final String FEATURE = "bedrock";

    // survives live reloads: the deployment class loader outlives each restart of the application
    private static volatile RunningEmulator running;

    /** The running emulator and the settings it was started with. */
    private record RunningEmulator(BedrockEmulator emulator, String settings, RunningDevService devService) {
    }

    /**
     * @param config the build-time configuration
     * @param shutdown where to register the stop of the emulator
     * @return the Dev Service, or null when it must not run
     */
    @BuildStep
    public DevServicesResultBuildItem startBedrockEmulator(BedrockBuildTimeConfig config,
            CuratedApplicationShutdownBuildItem shutdown) {
        BedrockBuildTimeConfig.DevServicesConfig dev = config.devservices();
        if (!dev.enabled()) {
            stop();
            return null;
        }
        Config appConfig = ConfigProvider.getConfig();
        Optional<String> reason = new AmbientCredentials(key -> appConfig.getOptionalValue(key, String.class),
                System::getenv, System::getProperty, Path.of(System.getProperty("user.home", ".")))
                .reasonNotToStart(dev.ignoreAmbientCredentials());
        if (reason.isPresent()) {
            LOG.debugf("Dev Services for Amazon Bedrock not started: %s", reason.get());
            stop();
            return null;
        }
        String settings = dev.port() + "/" + dev.tokens() + "/" + dev.interTokenDelay() + "/" + dev.firstByteDelay();
        RunningEmulator current = running;
        if (current != null && current.settings().equals(settings) && current.emulator().isRunning()) {
            return current.devService().toBuildItem();
        }
        stop();
        EmulatorOptions options = EmulatorOptions.defaults().withTokens(dev.tokens())
                .withInterTokenDelay(dev.interTokenDelay()).withFirstByteDelay(dev.firstByteDelay());
        BedrockEmulator emulator = BedrockEmulator.create(options).start(dev.port().orElse(0));
        Map<String, String> clientConfig = emulator.clientConfig();
        RunningDevService devService = new RunningDevService(FEATURE, null, emulator::close, clientConfig);
        running = new RunningEmulator(emulator, settings, devService);
        shutdown.addCloseTask(BedrockDevServicesProcessor::stop, true);
        LOG.infof("Dev Services for Amazon Bedrock started the Bedrock emulator on %s (no AWS credentials found);"
                + " set quarkus.aws-bedrock.devservices.enabled=false to call AWS", emulator.endpoint());
        return devService.toBuildItem();
    }

    /** Stops the emulator, if one runs. */
    static synchronized void stop() {
        RunningEmulator current = running;
        running = null;
        if (current != null) {
            current.emulator().stop();
        }
    }
}
