package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class EmulatorArgumentsTest {

    @Test
    void noFlagsGiveDefaultPortAndOptions() {
        EmulatorArguments a = EmulatorArguments.parse();
        assertThat(a.port()).isEqualTo(8089);
        assertThat(a.options()).isEqualTo(EmulatorOptions.defaults());
        assertThat(a.help()).isFalse();
    }

    @Test
    void everyFlagIsRead() {
        EmulatorArguments a = EmulatorArguments.parse("--port", "0", "--tokens", "200", "--inter-token-delay", "5ms",
                "--first-byte-delay=2s", "--no-auth", "--fault", "stream-throttling");
        assertThat(a.port()).isZero();
        assertThat(a.options().tokens()).isEqualTo(200);
        assertThat(a.options().interTokenDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(a.options().firstByteDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.options().verifySignatures()).isFalse();
        assertThat(a.options().fault()).isEqualTo(Fault.STREAM_THROTTLING);
    }

    @Test
    void bareNumberDelaysAreMilliseconds() {
        assertThat(EmulatorArguments.parse("--inter-token-delay", "7").options().interTokenDelay())
                .isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void helpIsRecognised() {
        assertThat(EmulatorArguments.parse("--help").help()).isTrue();
        assertThat(EmulatorArguments.USAGE).contains("--port", "--tokens", "--inter-token-delay", "--first-byte-delay",
                "--no-auth");
    }

    @Test
    void badFlagsSayWhatToFix() {
        assertThatThrownBy(() -> EmulatorArguments.parse("--prot", "1")).isInstanceOf(EmulatorArguments.UsageException.class)
                .hasMessage("Unknown option '--prot'");
        assertThatThrownBy(() -> EmulatorArguments.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> EmulatorArguments.parse("--port", "x")).hasMessage("--port needs a whole number, got 'x'");
        assertThatThrownBy(() -> EmulatorArguments.parse("--port", "70000"))
                .hasMessage("--port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> EmulatorArguments.parse("--tokens", "0")).hasMessage("--tokens must be at least 1, got 0");
        assertThatThrownBy(() -> EmulatorArguments.parse("--inter-token-delay", "soon"))
                .hasMessage("--inter-token-delay needs a duration such as 5ms or 2s, got 'soon'");
        assertThatThrownBy(() -> EmulatorArguments.parse("--first-byte-delay", "-1"))
                .hasMessage("--first-byte-delay cannot be negative, got -1");
        assertThatThrownBy(() -> EmulatorArguments.parse("--fault", "meteor")).hasMessageStartingWith(
                "--fault: Unknown emulator fault 'meteor'; use one of: throttling");
        assertThatThrownBy(() -> EmulatorArguments.parse("--no-auth=yes")).hasMessage("--no-auth takes no value");
        assertThatThrownBy(() -> EmulatorArguments.parse("--replay-dir", "/no/such/dir"))
                .hasMessageStartingWith("--replay-dir: no directory at");
    }
}
