package io.quarkiverse.bedrock.runtime.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/** The aws-sdk-go encode/decode vectors ({@code eventstream/encoded} and {@code eventstream/decoded}). */
class AwsSdkGoVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> positives() throws IOException {
        return names("positive");
    }

    static Stream<Arguments> negatives() throws IOException {
        return names("negative");
    }

    private static Stream<Arguments> names(String kind) throws IOException {
        Path dir = TestData.dir("eventstream/encoded/" + kind);
        List<Arguments> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).sorted().forEach(n -> names.add(Arguments.of(n)));
        }
        return names.stream();
    }

    @Test
    void allVectorsArePresent() throws IOException {
        assertThat(positives().count()).isEqualTo(5);
        assertThat(negatives().count()).isEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("positives")
    void positiveVectorDecodesToTheDecodedJson(String name) throws IOException {
        byte[] frame = Files.readAllBytes(TestData.dir("eventstream/encoded/positive/" + name));
        JsonNode expected = JSON.readTree(TestData.dir("eventstream/decoded/positive/" + name).toFile());

        List<EventStreamMessage> messages = Chunks.decodeWhole(frame);

        assertThat(messages).hasSize(1);
        EventStreamMessage m = messages.get(0);
        assertThat(frame.length).isEqualTo(expected.get("total_length").asInt());
        assertThat(Chunks.wrap(frame).getInt(4)).isEqualTo(expected.get("headers_length").asInt());
        assertThat(Chunks.wrap(frame).getInt(8)).isEqualTo(expected.get("prelude_crc").asInt());
        assertThat(Chunks.wrap(frame).getInt(frame.length - 4)).isEqualTo(expected.get("message_crc").asInt());
        assertThat(m.payload().getBytes()).isEqualTo(Base64.getDecoder().decode(expected.get("payload").asText()));

        JsonNode headers = expected.get("headers");
        assertThat(m.headers()).hasSize(headers.size());
        int i = 0;
        for (Map.Entry<String, HeaderValue> h : m.headers().entrySet()) {
            JsonNode e = headers.get(i++);
            assertThat(h.getKey()).isEqualTo(e.get("name").asText());
            assertThat(h.getValue().type().code()).isEqualTo(e.get("type").asInt());
            assertThat(h.getValue().value()).isEqualTo(expectedValue(h.getValue().type(), e.get("value")));
        }
        // one decoder per vector also re-encodes byte for byte
        assertThat(EventStreamEncoder.encode(m).getBytes()).isEqualTo(frame);
        // and decodes the same when split at every byte
        for (int cut = 1; cut < frame.length; cut++) {
            assertThat(Chunks.decodeCut(frame, cut)).containsExactly(m);
        }
    }

    private static Object expectedValue(HeaderType type, JsonNode value) {
        return switch (type) {
            case BOOL_TRUE, BOOL_FALSE -> value.asBoolean();
            case BYTE -> (byte) value.asInt();
            case SHORT -> (short) value.asInt();
            case INT -> value.asInt();
            case LONG -> value.asLong();
            case BYTE_ARRAY -> Base64.getDecoder().decode(value.asText());
            case STRING -> new String(Base64.getDecoder().decode(value.asText()), StandardCharsets.UTF_8);
            case TIMESTAMP -> Instant.ofEpochMilli(value.asLong());
            case UUID -> {
                byte[] b = Base64.getDecoder().decode(value.asText());
                yield new UUID(Chunks.wrap(b).getLong(0), Chunks.wrap(b).getLong(8));
            }
        };
    }

    @Test
    void allHeadersVectorCoversAllTenTypes() throws IOException {
        byte[] frame = Files.readAllBytes(TestData.dir("eventstream/encoded/positive/all_headers"));
        EventStreamMessage m = Chunks.decodeWhole(frame).get(0);
        assertThat(m.headers().values()).extracting(HeaderValue::type).containsExactlyInAnyOrder(HeaderType.values());
    }

    @ParameterizedTest
    @MethodSource("negatives")
    void negativeVectorFailsWithTheExpectedError(String name) throws IOException {
        byte[] frame = Files.readAllBytes(TestData.dir("eventstream/encoded/negative/" + name));
        String expected = Files.readString(TestData.dir("eventstream/decoded/negative/" + name)).trim();

        assertThatThrownBy(() -> Chunks.decodeWhole(frame))
                .isInstanceOf(EventStreamException.class)
                .hasMessageContaining(expected);
        // the same error whatever the cut
        for (int cut = 1; cut < frame.length; cut++) {
            int at = cut;
            assertThatThrownBy(() -> Chunks.decodeCut(frame, at))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining(expected);
        }
    }
}
