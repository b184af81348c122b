package io.quarkiverse.bedrock.it;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

/**
 * The speech demo: relays a browser's microphone (binary frames, 16 kHz 16-bit mono PCM) or typed lines (text frames)
 * to a Nova Sonic session, and sends back the answer: binary frames of speech (24 kHz 16-bit mono PCM) and JSON text
 * frames ({@code {"type":"user"|"assistant"|"tool"|"interrupted"|"usage"|"error", ...}}). With {@code ?mode=text} only
 * the JSON frames are sent, for {@code websocat} or a test. {@code speech.html} is the browser side.
 */
@WebSocket(path = "/speech")
public class SpeechSocket {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private final Map<String, SpeechSession> sessions = new ConcurrentHashMap<>();
    /** Content blocks whose text previews speech (the final transcript follows): not relayed. */
    private final java.util.Set<String> speculative = ConcurrentHashMap.newKeySet();

    @OnOpen
    void open(WebSocketConnection connection) {
        boolean textOnly = "text".equals(connection.handshakeRequest().query() == null ? null
                : queryParam(connection.handshakeRequest().query(), "mode"));
        SpeechSession session = bedrock.speech(SpeechSessionRequest.builder()
                .systemPrompt("You are a friendly assistant. Keep answers short.")
                .tool(new Tool("getTime", "The current time, UTC",
                        JSON.createObjectNode().put("type", "object").set("properties", JSON.createObjectNode())))
                .build());
        sessions.put(connection.id(), session);
        session.events().subscribe().with(event -> relay(connection, session, event, textOnly),
                failure -> {
                    send(connection, JSON.createObjectNode().put("type", "error").put("message", failure.getMessage()));
                    connection.close().subscribe().with(v -> {
                    }, t -> {
                    });
                },
                () -> connection.close().subscribe().with(v -> {
                }, t -> {
                }));
    }

    @OnTextMessage
    void text(WebSocketConnection connection, String line) {
        SpeechSession session = sessions.get(connection.id());
        if (session != null && !line.isBlank()) {
            session.sendText(line.trim()).subscribe().with(v -> {
            }, t -> {
            });
        }
    }

    @OnBinaryMessage
    void audio(WebSocketConnection connection, Buffer pcm) {
        SpeechSession session = sessions.get(connection.id());
        if (session != null && pcm.length() >= 2) {
            byte[] bytes = pcm.getBytes();
            session.sendAudio(bytes.length % 2 == 0 ? bytes : java.util.Arrays.copyOf(bytes, bytes.length - 1))
                    .subscribe().with(v -> {
                    }, t -> {
                    });
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        SpeechSession session = sessions.remove(connection.id());
        if (session != null) {
            session.cancel();
        }
    }

    private void relay(WebSocketConnection connection, SpeechSession session, SpeechEvent event, boolean textOnly) {
        if (event instanceof SpeechEvent.ContentStarted started && started.speculative()) {
            speculative.add(started.contentId());
        } else if (event instanceof SpeechEvent.TextOutput text && speculative.remove(text.contentId())) {
            return;
        } else if (event instanceof SpeechEvent.TextOutput text && !text.text().contains("\"interrupted\"")) {
            send(connection, JSON.createObjectNode().put("type", text.role() == SpeechEvent.Role.USER ? "user" : "assistant")
                    .put("text", text.text()));
        } else if (event instanceof SpeechEvent.AudioOutput audio && !textOnly) {
            connection.sendBinary(audio.pcm()).subscribe().with(v -> {
            }, t -> {
            });
        } else if (event instanceof SpeechEvent.ToolUse use) {
            String result = JSON.createObjectNode().put("utc", Instant.now().toString()).toString();
            send(connection, JSON.createObjectNode().put("type", "tool").put("name", use.toolName()).put("result", result));
            session.sendToolResult(use.toolUseId(), result).subscribe().with(v -> {
            }, t -> {
            });
        } else if (event instanceof SpeechEvent.ContentEnded ended && ended.interrupted()) {
            send(connection, JSON.createObjectNode().put("type", "interrupted"));
        } else if (event instanceof SpeechEvent.Usage usage) {
            send(connection, JSON.createObjectNode().put("type", "usage").put("totalTokens", usage.totalTokens()));
        }
    }

    private static void send(WebSocketConnection connection, ObjectNode message) {
        connection.sendText(message.toString()).subscribe().with(v -> {
        }, t -> {
        });
    }

    private static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }
}
