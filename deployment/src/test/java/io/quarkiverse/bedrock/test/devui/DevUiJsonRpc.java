package io.quarkiverse.bedrock.test.devui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small client of the Dev UI's JSON-RPC WebSocket ({@code /q/dev-ui/json-rpc-ws}), speaking the protocol the Dev UI
 * pages speak: method {@code <namespace>_<method>}, answers {@code {id, result: {messageType, object}}}, one
 * {@code SubscriptionMessage} per item of a {@code Multi}.
 */
final class DevUiJsonRpc implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger(1);

    DevUiJsonRpc(String baseUrl, String namespace) {
        this.namespace = namespace;
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "q/dev-ui/json-rpc-ws");
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder buffer = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                buffer.append(data);
                if (last) {
                    try {
                        messages.add(JSON.readTree(buffer.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    buffer.setLength(0);
                }
                ws.request(1);
                return CompletableFuture.completedFuture(null);
            }
        }).join();
    }

    /** @return the result object of a plain method */
    JsonNode call(String method, Map<String, Object> params) throws InterruptedException {
        int id = send(method, params);
        return next(id, Duration.ofSeconds(30)).path("result").path("object");
    }

    /** @return the items of a subscription, until one matches {@code last} */
    List<JsonNode> subscribe(String method, Map<String, Object> params, Predicate<JsonNode> last)
            throws InterruptedException {
        int id = send(method, params);
        List<JsonNode> items = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode message = next(id, Duration.ofNanos(deadline - System.nanoTime()));
            if (message.has("error")) {
                throw new AssertionError("JSON-RPC error: " + message);
            }
            if (!"SubscriptionMessage".equals(message.path("result").path("messageType").asText())) {
                continue; // the Void answer that opens the subscription
            }
            JsonNode item = message.path("result").path("object");
            items.add(item);
            if (last.test(item)) {
                return items;
            }
        }
    }

    private int send(String method, Map<String, Object> params) {
        int id = ids.getAndIncrement();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id)
                .put("method", namespace + "_" + method);
        request.set("params", JSON.valueToTree(params));
        socket.sendText(request.toString(), true).join();
        return id;
    }

    private JsonNode next(int id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode message = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no JSON-RPC answer to request " + id + " within " + timeout);
            }
            if (message.path("id").asInt() == id) {
                return message;
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
