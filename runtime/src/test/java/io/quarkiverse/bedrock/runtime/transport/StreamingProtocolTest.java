package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which protocol streamed answers use, from {@code http2} and the endpoint. */
class StreamingProtocolTest {

    private static boolean usesHttp2(Boolean http2, String endpoint) {
        return StreamingHttpClient.usesHttp2(Optional.ofNullable(http2), Optional.ofNullable(endpoint).map(URI::create));
    }

    @Test
    void unsetItIsHttp2ForAwsAndHttpsEndpointsAndHttp11ForPlainHttp() {
        assertThat(usesHttp2(null, null)).as("the AWS endpoint, https").isTrue();
        assertThat(usesHttp2(null, "https://vpce-123.bedrock-runtime.us-east-1.vpce.amazonaws.com")).isTrue();
        assertThat(usesHttp2(null, "http://localhost:8089")).isFalse();
        assertThat(usesHttp2(null, "HTTP://LOCALHOST:8089")).isFalse();
    }

    @Test
    void aSettingWinsOverTheScheme() {
        assertThat(usesHttp2(true, "http://localhost:8089")).as("h2c with prior knowledge").isTrue();
        assertThat(usesHttp2(false, null)).isFalse();
        assertThat(usesHttp2(false, "https://example.com")).isFalse();
    }
}
