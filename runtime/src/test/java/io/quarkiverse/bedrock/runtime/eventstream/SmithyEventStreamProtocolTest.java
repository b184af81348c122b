package io.quarkiverse.bedrock.runtime.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/**
 * The Smithy restJson1 event-stream protocol tests that concern decoding a response stream: every {@code response}
 * event of a test not limited to servers. Decoding must give the expected typed headers and body; the protocol
 * checks of {@link EventStreamMessage#checkedType()} must accept events, classify modelled and unmodelled errors, and
 * reject missing or malformed {@code :message-type} / {@code :event-type}.
 */
class SmithyEventStreamProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> responseEvents() throws IOException {
        JsonNode tests = JSON.readTree(TestData.dir("eventstream/smithy-restjson1-event-stream-tests.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode test : tests) {
            if ("server".equals(test.path("appliesTo").asText()) || !test.has("events")) {
                continue;
            }
            int i = 0;
            for (JsonNode event : test.get("events")) {
                if ("response".equals(event.get("type").asText())) {
                    out.add(Arguments.of(test.get("id").asText() + "#" + i, test, event));
                }
                i++;
            }
        }
        return out.stream();
    }

    @Test
    void coversTheSuccessAndFailureCases() throws IOException {
        List<String> ids = responseEvents().map(a -> (String) a.get()[0]).toList();
        assertThat(ids).hasSize(44).contains("DuplexMalformedEventTypeOutput#0",
                "MissingRequiredInitialResponseOutput#0", "ClientErrorOutput#0", "ClientUnexpectedErrorOutput#0",
                "MissingMessageTypeOutput#0", "MalformedMessageTypeOutput#0", "MissingEventTypeOutput#0",
                "MalformedEventTypeOutput#0", "TimestampHeaderOutput#0", "BlobPayloadOutput#0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseEvents")
    void decodesTheResponseFrame(String id, JsonNode test, JsonNode event) {
        byte[] frame = Base64.getDecoder().decode(event.get("bytes").asText());

        List<EventStreamMessage> messages = Chunks.decodeWhole(frame);

        assertThat(messages).hasSize(1);
        EventStreamMessage m = messages.get(0);
        JsonNode headers = event.get("headers");
        assertThat(m.headers()).hasSize(headers.size());
        Iterator<Map.Entry<String, JsonNode>> expected = headers.fields();
        while (expected.hasNext()) {
            Map.Entry<String, JsonNode> e = expected.next();
            assertThat(m.headers()).containsKey(e.getKey());
            assertHeader(m.headers().get(e.getKey()), e.getValue());
        }
        String body = event.has("body") ? event.get("body").asText() : "";
        assertThat(m.payloadAsString()).isEqualTo(body);
        assertThat(EventStreamEncoder.encode(m).getBytes()).isEqualTo(frame);

        JsonNode failure = test.path("expectation").path("failure");
        switch (test.get("id").asText().replaceFirst("^Duplex", "")) {
            case "ClientErrorOutput" -> {
                assertThat(m.checkedType()).isEqualTo(MessageType.EXCEPTION);
                assertThat(m.exceptionType()).isEqualTo("error");
                assertThat(m.contentType()).isEqualTo("application/json");
                assertThat(failure.path("errorId").asText()).isEqualTo("ErrorEvent");
            }
            case "ClientUnexpectedErrorOutput" -> {
                assertThat(m.checkedType()).isEqualTo(MessageType.ERROR);
                assertThat(m.errorCode()).isEqualTo("internal-error");
                assertThat(m.errorMessage()).isEqualTo("An unknown error occurred.");
            }
            case "MissingMessageTypeOutput" -> assertThatThrownBy(m::checkedType)
                    .isInstanceOf(EventStreamException.class).hasMessageContaining("Missing :message-type");
            case "MalformedMessageTypeOutput" -> assertThatThrownBy(m::checkedType)
                    .isInstanceOf(EventStreamException.class).hasMessageContaining("Malformed :message-type");
            case "MissingEventTypeOutput" -> assertThatThrownBy(m::checkedType)
                    .isInstanceOf(EventStreamException.class).hasMessageContaining("Missing :event-type");
            case "MalformedEventTypeOutput" -> assertThatThrownBy(m::checkedType)
                    .isInstanceOf(EventStreamException.class).hasMessageContaining("Malformed :event-type");
            case "MissingRequiredInitialResponseOutput" -> {
                // the failure is at operation level (no initial-response event came first); the frame itself is a
                // well-formed event that is not an initial-response
                assertThat(m.checkedType()).isEqualTo(MessageType.EVENT);
                assertThat(m.eventType()).isEqualTo("headers").isNotEqualTo("initial-response");
            }
            default -> {
                assertThat(failure.isMissingNode()).as("a success case").isTrue();
                assertThat(m.checkedType()).isEqualTo(MessageType.EVENT);
                assertThat(m.eventType()).isEqualTo(headers.get(":event-type").get("string").asText());
            }
        }
    }

    private static void assertHeader(HeaderValue actual, JsonNode expected) {
        Map.Entry<String, JsonNode> typed = expected.fields().next();
        JsonNode v = typed.getValue();
        switch (typed.getKey()) {
            case "string" -> assertThat(actual).isEqualTo(HeaderValue.string(v.asText()));
            case "boolean" -> assertThat(actual).isEqualTo(HeaderValue.bool(v.asBoolean()));
            case "byte" -> assertThat(actual).isEqualTo(new HeaderValue(HeaderType.BYTE, (byte) v.asInt()));
            case "short" -> assertThat(actual).isEqualTo(new HeaderValue(HeaderType.SHORT, (short) v.asInt()));
            case "integer" -> assertThat(actual).isEqualTo(new HeaderValue(HeaderType.INT, v.asInt()));
            case "long" -> assertThat(actual).isEqualTo(new HeaderValue(HeaderType.LONG, v.asLong()));
            case "blob" -> assertThat(actual)
                    .isEqualTo(new HeaderValue(HeaderType.BYTE_ARRAY, Base64.getDecoder().decode(v.asText())));
            case "timestamp" -> assertThat(actual)
                    .isEqualTo(new HeaderValue(HeaderType.TIMESTAMP, Instant.parse(v.asText())));
            default -> throw new AssertionError("unexpected header type in test data: " + typed.getKey());
        }
    }
}
