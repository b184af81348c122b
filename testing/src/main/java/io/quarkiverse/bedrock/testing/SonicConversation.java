package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator's scripted Nova Sonic: reads the input events of one session and answers each user turn (a text
 * content, or an audio content once it ends) with the output events the service sends: the user's transcript, a
 * {@code toolUse} when tools were offered (the answer follows the tool result), a speculative text, audio (a generated
 * tone), the final text and usage; {@code completionEnd} after {@code promptEnd}.
 * <p>
 * Scripted faults, written into a user text: {@code [fault:exception]} answers with a {@code modelStreamErrorException}
 * event, {@code [fault:drop]} drops the connection; a system prompt holding {@code [cap:N]} ends the session with a
 * {@code modelTimeoutException} event N milliseconds after it started (the service's 8-minute cap, reached early); a
 * user text holding {@code [stall:N]} makes the emulator stop reading the request for N milliseconds (a slow service: the
 * client's writes must wait for the HTTP/2 window), one holding {@code [flood:N]} is answered with N chunks of 100 ms of
 * audio, written as the client reads them ({@link StreamStats} counts the waits).
 */
final class SonicConversation {

    /** What the conversation does next, besides output events. */
    enum Action {
        /** Go on. */
        CONTINUE,
        /** Send a {@code modelStreamErrorException} event and end the stream. */
        EXCEPTION,
        /** Close the connection without ending the stream. */
        DROP,
        /** Stop reading the request for {@link SonicConversation#stallMillis()}. */
        STALL,
        /** The caller ended the session: end the stream once the body ends. */
        SESSION_END
    }

    /** Output events to send, and what to do after them. */
    record Step(List<String> events, Action action) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sessionId = UUID.randomUUID().toString();
    private final Map<String, JsonNode> contents = new HashMap<>();
    private final Map<String, StringBuilder> texts = new HashMap<>();
    private final Map<String, Integer> audioBytes = new HashMap<>();
    private final List<String> history = new ArrayList<>();
    private String promptName;
    private String completionId;
    private JsonNode tools;
    private int outputRate = 24000;
    private long capMillis = -1;
    private long stallMillis = -1;
    private int turns;
    private int inputTokens;
    private int outputTokens;

    /** @return the session cap a system prompt asked for, or -1 */
    long capMillis() {
        return capMillis;
    }

    /** @return how long the last {@code [stall:N]} asked the emulator to stop reading the request, or -1 */
    long stallMillis() {
        return stallMillis;
    }

    /** @return the history turns the client replayed into this session (text contents with interactive false) */
    List<String> history() {
        return history;
    }

    /**
     * @param inputEvent one JSON input event ({@code {"event":{...}}})
     * @return what to send and do
     */
    Step accept(JsonNode inputEvent) {
        JsonNode event = inputEvent.path("event");
        String name = event.fieldNames().hasNext() ? event.fieldNames().next() : "";
        JsonNode e = event.path(name);
        List<String> out = new ArrayList<>();
        switch (name) {
            case "promptStart" -> {
                promptName = e.path("promptName").asText();
                tools = e.path("toolConfiguration").path("tools");
                outputRate = e.path("audioOutputConfiguration").path("sampleRateHertz").asInt(24000);
            }
            case "contentStart" -> contents.put(e.path("contentName").asText(), e);
            case "textInput", "toolResult" -> texts
                    .computeIfAbsent(e.path("contentName").asText(), k -> new StringBuilder())
                    .append(e.path("content").asText());
            case "audioInput" -> audioBytes.merge(e.path("contentName").asText(),
                    Base64.getDecoder().decode(e.path("content").asText()).length, Integer::sum);
            case "contentEnd" -> {
                return contentEnded(e.path("contentName").asText(), out);
            }
            case "promptEnd" -> {
                if (completionId != null) {
                    out.add(event("completionEnd", base().put("stopReason", "END_TURN")));
                }
            }
            case "sessionEnd" -> {
                return new Step(out, Action.SESSION_END);
            }
            default -> {
            }
        }
        return new Step(out, Action.CONTINUE);
    }

    private Step contentEnded(String contentName, List<String> out) {
        JsonNode start = contents.remove(contentName);
        StringBuilder text = texts.remove(contentName);
        Integer audio = audioBytes.remove(contentName);
        if (start == null) {
            return new Step(out, Action.CONTINUE);
        }
        String type = start.path("type").asText();
        String role = start.path("role").asText("USER");
        if (type.equals("TEXT") && role.equals("SYSTEM")) {
            int at = text == null ? -1 : text.indexOf("[cap:");
            if (at >= 0) {
                capMillis = Long.parseLong(text.substring(at + 5, text.indexOf("]", at)));
            }
            return new Step(out, Action.CONTINUE);
        }
        if (type.equals("TEXT") && !start.path("interactive").asBoolean(true)) {
            history.add(role + ": " + text);
            return new Step(out, Action.CONTINUE);
        }
        String transcript;
        if (type.equals("TEXT")) {
            transcript = text == null ? "" : text.toString();
            if (transcript.contains("[fault:exception]")) {
                return new Step(out, Action.EXCEPTION);
            }
            if (transcript.contains("[fault:drop]")) {
                return new Step(out, Action.DROP);
            }
            int flood = transcript.indexOf("[flood:");
            if (flood >= 0) {
                int frames = Integer.parseInt(transcript.substring(flood + 7, transcript.indexOf("]", flood)));
                flood(out, frames);
                return new Step(out, Action.CONTINUE);
            }
            int stall = transcript.indexOf("[stall:");
            if (stall >= 0) {
                stallMillis = Long.parseLong(transcript.substring(stall + 7, transcript.indexOf("]", stall)));
                return new Step(out, Action.STALL);
            }
        } else if (type.equals("AUDIO")) {
            int bytes = audio == null ? 0 : audio;
            transcript = "I spoke for " + (bytes / 32) + " milliseconds";
        } else if (type.equals("TOOL")) {
            answer(out, "The tool answered " + text, null);
            return new Step(out, Action.CONTINUE);
        } else {
            return new Step(out, Action.CONTINUE);
        }
        answer(out, "You said: " + transcript
                + (history.isEmpty() ? "" : " (I remember " + history.size() + " earlier turns)"), transcript);
        return new Step(out, Action.CONTINUE);
    }

    /** Answers with {@code frames} chunks of 100 ms of speech, for backpressure tests. */
    private void flood(List<String> out, int frames) {
        if (completionId == null) {
            completionId = UUID.randomUUID().toString();
            out.add(event("completionStart", base()));
        }
        String audio = UUID.randomUUID().toString();
        out.add(event("contentStart", content(audio).put("type", "AUDIO").put("role", "ASSISTANT")));
        String pcm = Base64.getEncoder().encodeToString(Tones.sine(220, 100, outputRate));
        for (int i = 0; i < frames; i++) {
            out.add(event("audioOutput", content(audio).put("content", pcm)));
        }
        out.add(event("contentEnd", content(audio).put("type", "AUDIO").put("stopReason", "END_TURN")));
    }

    /** Answers a turn: transcript, then a tool use (when tools were offered) or the spoken answer. */
    private void answer(List<String> out, String reply, String transcript) {
        turns++;
        if (completionId == null) {
            completionId = UUID.randomUUID().toString();
            out.add(event("completionStart", base()));
        }
        if (transcript != null) {
            inputTokens += Math.max(1, transcript.length() / 4);
            String id = UUID.randomUUID().toString();
            out.add(event("contentStart", content(id).put("type", "TEXT").put("role", "USER")
                    .put("additionalModelFields", "{\"generationStage\":\"FINAL\"}")));
            out.add(event("textOutput", content(id).put("role", "USER").put("content", transcript)));
            out.add(event("contentEnd", content(id).put("type", "TEXT").put("stopReason", "END_TURN")));
            if (tools != null && tools.isArray() && tools.size() > 0) {
                String toolId = UUID.randomUUID().toString();
                JsonNode spec = tools.get(0).path("toolSpec");
                out.add(event("contentStart", content(toolId).put("type", "TOOL").put("role", "TOOL")));
                out.add(event("toolUse", content(toolId).put("toolName", spec.path("name").asText())
                        .put("toolUseId", "tooluse-" + turns)
                        .put("content", JSON.createObjectNode().put("query", transcript).toString())));
                out.add(event("contentEnd", content(toolId).put("type", "TOOL").put("stopReason", "TOOL_USE")));
                return;
            }
        }
        outputTokens += Math.max(1, reply.length() / 4);
        String speculative = UUID.randomUUID().toString();
        out.add(event("contentStart", content(speculative).put("type", "TEXT").put("role", "ASSISTANT")
                .put("additionalModelFields", "{\"generationStage\":\"SPECULATIVE\"}")));
        out.add(event("textOutput", content(speculative).put("role", "ASSISTANT").put("content", reply)));
        out.add(event("contentEnd", content(speculative).put("type", "TEXT").put("stopReason", "PARTIAL_TURN")));
        String audio = UUID.randomUUID().toString();
        out.add(event("contentStart", content(audio).put("type", "AUDIO").put("role", "ASSISTANT")));
        for (int i = 0; i < 3; i++) {
            byte[] pcm = Tones.sine(440 + 110 * i, 40, outputRate);
            out.add(event("audioOutput", content(audio).put("content", Base64.getEncoder().encodeToString(pcm))));
        }
        out.add(event("contentEnd", content(audio).put("type", "AUDIO").put("stopReason", "END_TURN")));
        String fin = UUID.randomUUID().toString();
        out.add(event("contentStart", content(fin).put("type", "TEXT").put("role", "ASSISTANT")
                .put("additionalModelFields", "{\"generationStage\":\"FINAL\"}")));
        out.add(event("textOutput", content(fin).put("role", "ASSISTANT").put("content", reply)));
        out.add(event("contentEnd", content(fin).put("type", "TEXT").put("stopReason", "END_TURN")));
        ObjectNode usage = base().put("totalInputTokens", inputTokens).put("totalOutputTokens", outputTokens)
                .put("totalTokens", inputTokens + outputTokens);
        out.add(event("usageEvent", usage));
    }

    private ObjectNode base() {
        ObjectNode n = JSON.createObjectNode().put("sessionId", sessionId).put("promptName", promptName);
        if (completionId != null) {
            n.put("completionId", completionId);
        }
        return n;
    }

    private ObjectNode content(String contentId) {
        return base().put("contentId", contentId);
    }

    private static String event(String name, ObjectNode body) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("event").set(name, body);
        return root.toString();
    }
}
