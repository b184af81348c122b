package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The module's tests declare the emulator test resource, so Dev Services starts no emulator of its own: only one
 * configuration source (the test resource's) points the client somewhere.
 */
@QuarkusTest
class OneEmulatorTest extends EmulatorTest {

    @Test
    void onlyTheTestResourceProvidesAnEndpoint() {
        List<String> sources = StreamSupport
                .stream(ConfigProvider.getConfig().getConfigSources().spliterator(), false)
                .filter(source -> source.getValue("quarkus.aws-bedrock.endpoint-override") != null)
                .map(ConfigSource::getName)
                .toList();
        assertThat(sources).hasSize(1);
        assertThat(ConfigProvider.getConfig().getValue("quarkus.aws-bedrock.endpoint-override", String.class))
                .isEqualTo(emulator.endpoint().toString());
    }
}
