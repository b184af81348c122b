package io.quarkiverse.bedrock.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The whole streaming contract of {@link StreamingClientTest} (backpressure, cancellation, faults, exception events,
 * tools) again over HTTP/2: {@code quarkus.aws-bedrock.http2=true} makes the default client speak h2c to the emulator.
 */
@QuarkusTest
@TestProfile(StreamingClientHttp2Test.Http2.class)
class StreamingClientHttp2Test extends StreamingClientTest {

    /** HTTP/2 with prior knowledge over the emulator's plain http endpoint. */
    public static class Http2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.aws-bedrock.http2", "true");
        }
    }

    @Override
    String httpVersion() {
        return "HTTP/2";
    }
}
