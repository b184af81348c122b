package io.quarkiverse.bedrock.runtime.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.api.speech.SpeechInput;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.buffer.Buffer;

/** The Nova Sonic input events we write and the output events we read, as the service model and AWS's guide shape them. */
class SonicEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode decoded(Buffer frame) throws Exception {
        List<EventStreamMessage> messages = new EventStreamDecoder().feed(frame);
        assertThat(messages).hasSize(1);
        EventStreamMessage m = messages.get(0);
        assertThat(m.messageType()).isEqualTo("event");
        assertThat(m.eventType()).isEqualTo("chunk");
        assertThat(m.contentType()).isEqualTo("application/json");
        return JSON.readTree(SonicInputEvents.decodeChunk(m)).path("event");
    }

    @Test
    void inputEventsAreBase64JsonChunks() throws Exception {
        SpeechSessionRequest request = SpeechSessionRequest.builder().voiceId("tiffany").maxTokens(512)
                .tool(new Tool("getWeather", "Weather of a city",
                        JSON.readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")))
                .build();
        SonicInputEvents e = new SonicInputEvents("p1");

        JsonNode start = decoded(e.sessionStart(request)).path("sessionStart").path("inferenceConfiguration");
        assertThat(start.path("maxTokens").asInt()).isEqualTo(512);
        assertThat(start.path("topP").asDouble()).isEqualTo(0.9);

        JsonNode prompt = decoded(e.promptStart(request)).path("promptStart");
        assertThat(prompt.path("promptName").asText()).isEqualTo("p1");
        assertThat(prompt.path("audioOutputConfiguration").path("sampleRateHertz").asInt()).isEqualTo(24000);
        assertThat(prompt.path("audioOutputConfiguration").path("voiceId").asText()).isEqualTo("tiffany");
        JsonNode spec = prompt.path("toolConfiguration").path("tools").path(0).path("toolSpec");
        assertThat(spec.path("name").asText()).isEqualTo("getWeather");
        assertThat(spec.path("inputSchema").path("json").isTextual()).isTrue();
        assertThat(JSON.readTree(spec.path("inputSchema").path("json").asText()).path("type").asText()).isEqualTo("object");

        JsonNode audioStart = decoded(e.audioContentStart("a1")).path("contentStart");
        assertThat(audioStart.path("type").asText()).isEqualTo("AUDIO");
        assertThat(audioStart.path("audioInputConfiguration").path("sampleRateHertz").asInt()).isEqualTo(16000);
        JsonNode audio = decoded(e.audioInput("a1", new byte[] { 1, 2, 3, 4 })).path("audioInput");
        assertThat(Base64.getDecoder().decode(audio.path("content").asText())).containsExactly(1, 2, 3, 4);
        assertThat(audio.path("contentName").asText()).isEqualTo("a1");

        JsonNode tool = decoded(e.toolContentStart("t1", "use-7")).path("contentStart");
        assertThat(tool.path("role").asText()).isEqualTo("TOOL");
        assertThat(tool.path("toolResultInputConfiguration").path("toolUseId").asText()).isEqualTo("use-7");
        assertThat(decoded(e.sessionEnd()).has("sessionEnd")).isTrue();
        assertThat(decoded(e.promptEnd()).path("promptEnd").path("promptName").asText()).isEqualTo("p1");
    }

    private static EventStreamMessage output(String json) {
        String bytes = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Buffer frame = EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk", "{\"bytes\":\"" + bytes + "\"}"));
        return new EventStreamDecoder().feed(frame).get(0);
    }

    @Test
    void outputEventsBecomeTypedRecords() {
        assertThat(SonicOutputEvents.parse(output("{\"event\":{\"contentStart\":{\"contentId\":\"c1\",\"type\":\"TEXT\","
                + "\"role\":\"ASSISTANT\",\"additionalModelFields\":\"{\\\"generationStage\\\":\\\"SPECULATIVE\\\"}\"}}}"),
                null)).contains(new SpeechEvent.ContentStarted("c1", SpeechEvent.ContentType.TEXT,
                        SpeechEvent.Role.ASSISTANT, true));
        assertThat(SonicOutputEvents.parse(output("{\"event\":{\"textOutput\":{\"contentId\":\"c1\",\"role\":\"USER\","
                + "\"content\":\"hi\"}}}"), null))
                .contains(new SpeechEvent.TextOutput("c1", SpeechEvent.Role.USER, "hi"));
        SpeechEvent audio = SonicOutputEvents.parse(output("{\"event\":{\"audioOutput\":{\"contentId\":\"c2\",\"content\":\""
                + Base64.getEncoder().encodeToString(new byte[] { 9, 8 }) + "\"}}}"), null).orElseThrow();
        assertThat(((SpeechEvent.AudioOutput) audio).pcm()).containsExactly(9, 8);
        SpeechEvent.ToolUse use = (SpeechEvent.ToolUse) SonicOutputEvents.parse(output("{\"event\":{\"toolUse\":{"
                + "\"toolUseId\":\"u1\",\"toolName\":\"getWeather\",\"content\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}}"), null)
                .orElseThrow();
        assertThat(use.input().path("city").asText()).isEqualTo("Paris");
        assertThat(SonicOutputEvents.parse(output("{\"event\":{\"contentEnd\":{\"contentId\":\"c2\",\"type\":\"AUDIO\","
                + "\"stopReason\":\"INTERRUPTED\"}}}"), null))
                .contains(new SpeechEvent.ContentEnded("c2", SpeechEvent.ContentType.AUDIO, "INTERRUPTED", true));
        assertThat(SonicOutputEvents.parse(output("{\"event\":{\"usageEvent\":{\"totalInputTokens\":3,"
                + "\"totalOutputTokens\":4,\"totalTokens\":7}}}"), null)).contains(new SpeechEvent.Usage(3, 4, 7));
        assertThat(SonicOutputEvents.parse(output("{\"event\":{\"somethingNew\":{}}}"), null)).isEmpty();
        assertThatThrownBy(() -> SonicOutputEvents.parse(output("not json"), "rid-1"))
                .isInstanceOf(BedrockServiceException.class).hasMessageContaining("not base64 JSON");
    }

    @Test
    void badSettingsAndInputsAreTypedErrors() {
        assertThatThrownBy(() -> SpeechSessionRequest.builder().sessionCap(Duration.ofMinutes(1))
                .rolloverBefore(Duration.ofMinutes(2)).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("rolloverBefore");
        assertThatThrownBy(() -> SpeechSessionRequest.builder().outputSampleRate(44100).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("8000, 16000 or 24000");
        assertThatThrownBy(() -> new SpeechInput.AudioChunk(new byte[3])).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("16-bit");
        assertThatThrownBy(() -> new SpeechInput.Text(" ")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new SpeechInput.ToolResult("", "x")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("toolUseId");
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET";
        assertThat(SpeechSessionRequest.builder()
                .options(io.quarkiverse.bedrock.api.BedrockOptions.builder().accessKeyId("AKID").secretAccessKey(secret)
                        .build())
                .build().toString()).contains("AKID").doesNotContain(secret);
    }

    @Test
    void historyJoinsTurnsStartsWithTheUserAndDropsTheOldest() {
        SpeechHistory h = new SpeechHistory();
        h.add("ASSISTANT", "greeting");
        h.add("USER", "a");
        h.add("USER", "b");
        h.add("ASSISTANT", "c");
        assertThat(h.turns()).containsExactly(new SpeechHistory.Turn("USER", "a b"), new SpeechHistory.Turn("ASSISTANT", "c"));
        String big = "x".repeat(SpeechHistory.MAX_CHARS - 1);
        h.add("USER", big);
        assertThat(h.turns()).extracting(SpeechHistory.Turn::text).containsExactly(big);
    }
}
