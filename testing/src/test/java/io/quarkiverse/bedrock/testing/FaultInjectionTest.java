package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;

/** Each fault mode produces the wire behaviour it names, asserted on the raw status, headers and bytes. */
class FaultInjectionTest extends EmulatorPerClass {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    private static HttpResponse<byte[]> stream(Fault fault) {
        return client.send(MODEL, "converse-stream", SignedClient.converseBody("Tell me a story"), Fault.HEADER,
                fault.wireName());
    }

    private static void assertAwsError(HttpResponse<byte[]> r, int status, String type) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(v -> assertThat(v).startsWith(type));
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(SignedClient.json(r).path("message").asText()).isNotBlank();
    }

    @Test
    void throttlingIsA429ThrottlingException() {
        assertAwsError(stream(Fault.THROTTLING), 429, "ThrottlingException");
        assertAwsError(client.send(MODEL, "converse", SignedClient.converseBody("Hi"), Fault.HEADER, "throttling"), 429,
                "ThrottlingException");
    }

    @Test
    void internalErrorIsA500() {
        assertAwsError(stream(Fault.INTERNAL_ERROR), 500, "InternalServerException");
    }

    @Test
    void serviceUnavailableIsA503() {
        assertAwsError(stream(Fault.SERVICE_UNAVAILABLE), 503, "ServiceUnavailableException");
    }

    @Test
    void faultsCanBeScriptedPerReplyOrSetForEveryRequest() {
        emulator.enqueue(Reply.fault(Fault.THROTTLING));
        assertAwsError(client.send(MODEL, "converse", SignedClient.converseBody("Hi")), 429, "ThrottlingException");
        assertThat(client.send(MODEL, "converse", SignedClient.converseBody("Hi")).statusCode()).isEqualTo(200);

        emulator.options(EmulatorOptions.defaults().withFault(Fault.SERVICE_UNAVAILABLE));
        assertAwsError(client.send(MODEL, "converse", SignedClient.converseBody("Hi")), 503, "ServiceUnavailableException");
        assertAwsError(client.send(MODEL, "converse", SignedClient.converseBody("Hi")), 503, "ServiceUnavailableException");
    }

    @Test
    void midStreamThrottlingIsAnExceptionEventThatEndsTheStream() {
        HttpResponse<byte[]> r = stream(Fault.STREAM_THROTTLING);
        assertThat(r.statusCode()).isEqualTo(200);
        List<EventStreamMessage> frames = SignedClient.frames(r.body());
        EventStreamMessage last = frames.get(frames.size() - 1);
        assertThat(last.messageType()).isEqualTo("exception");
        assertThat(last.exceptionType()).isEqualTo("throttlingException");
        assertThat(SignedClient.payload(last).path("message").asText()).isNotBlank();
        List<EventStreamMessage> before = frames.subList(0, frames.size() - 1);
        assertThat(before).isNotEmpty().allMatch(m -> "event".equals(m.messageType()));
        assertThat(before).extracting(EventStreamMessage::eventType).contains("messageStart", "contentBlockDelta")
                .doesNotContain("messageStop", "metadata");
    }

    @Test
    void midStreamModelErrorIsAModelStreamErrorExceptionEvent() {
        HttpResponse<byte[]> r = stream(Fault.STREAM_MODEL_ERROR);
        List<EventStreamMessage> frames = SignedClient.frames(r.body());
        EventStreamMessage last = frames.get(frames.size() - 1);
        assertThat(last.messageType()).isEqualTo("exception");
        assertThat(last.exceptionType()).isEqualTo("modelStreamErrorException");
        assertThat(SignedClient.payload(last).path("originalStatusCode").asInt()).isEqualTo(500);
    }

    /**
     * Read over a raw socket: an HTTP client may drop the bytes of an unfinished chunk when the connection fails, and
     * the point is exactly what those bytes are.
     */
    @Test
    void droppedConnectionEndsInsideAFrame() throws Exception {
        String text = rawConverseStream("drop-mid-frame").toString(StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
        byte[] stream = dechunk(text.substring(text.indexOf("\r\n\r\n") + 4));
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> complete = decoder.feed(Buffer.buffer(stream));
        assertThat(complete).as("whole frames before the cut").isNotEmpty();
        assertThatThrownBy(decoder::complete).as("the connection closed in the middle of a frame")
                .isInstanceOf(EventStreamException.class);
    }

    @Test
    void goAwayOverHttp2RefusesTheStreamUnprocessedAndTheNextConnectionIsAnswered() throws Exception {
        emulator.options(EmulatorOptions.defaults().withVerifySignatures(false));
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
            String path = "/model/" + MODEL.replace(":", "%3A") + "/converse-stream";
            Buffer body = Buffer.buffer(SignedClient.converseBody("Tell me a story"));
            // read on the event loop, in the failure's callback: the GOAWAY's debug data is released after it
            int lastStream = http.request(HttpMethod.POST, emulator.port(), "127.0.0.1", path)
                    .compose(request -> request.putHeader("Content-Type", "application/json")
                            .putHeader(Fault.HEADER, "go-away").send(body))
                    .map(answered -> -1)
                    .recover(failure -> Future.succeededFuture(failure instanceof HttpClosedException closed
                            && closed.goAway() != null ? closed.goAway().getLastStreamId() : -2))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(lastStream).as("closed by a GOAWAY whose last stream is below the refused one, the first: 1")
                    .isZero();

            int status = http.request(HttpMethod.POST, emulator.port(), "127.0.0.1", path)
                    .compose(request -> request.putHeader("Content-Type", "application/json").send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(status).as("the same request again, on a new connection").isEqualTo(200);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void goAwayOverHttp11ClosesTheConnectionUnanswered() throws Exception {
        assertThat(rawConverseStream("go-away").size()).as("not a byte of answer").isZero();
    }

    /**
     * @param fault the fault's wire name
     * @return every byte of the answer to a ConverseStream request with that fault, sent over a raw HTTP/1.1 socket
     *         (unsigned), read until the emulator closes the connection
     */
    private static ByteArrayOutputStream rawConverseStream(String fault) throws IOException {
        emulator.options(EmulatorOptions.defaults().withVerifySignatures(false));
        byte[] body = SignedClient.converseBody("Tell me a story").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /model/" + MODEL.replace(":", "%3A") + "/converse-stream HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + emulator.port() + "\r\nContent-Type: application/json\r\n"
                    + Fault.HEADER + ": " + fault + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            socket.getInputStream().transferTo(raw);
        }
        return raw;
    }

    /** @return the data of the chunks, asserting that the terminating zero-length chunk never came */
    private static byte[] dechunk(String chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            assertThat(size).as("no final zero-length chunk: the body never ends").isPositive();
            int start = eol + 2;
            int end = Math.min(start + size, chunked.length());
            byte[] data = chunked.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
            out.write(data, 0, data.length);
            at = end + 2;
        }
        return out.toByteArray();
    }

    @Test
    void corruptedCrcSpoilsExactlyOneFrameAndTheRestFollows() {
        byte[] body = stream(Fault.CORRUPT_CRC).body();
        List<Boolean> messageCrcValid = new ArrayList<>();
        ByteBuffer bytes = ByteBuffer.wrap(body);
        while (bytes.remaining() >= 16) {
            int start = bytes.position();
            int total = bytes.getInt(start);
            CRC32 prelude = new CRC32();
            prelude.update(body, start, 8);
            assertThat((int) prelude.getValue()).as("prelude CRC of frame at " + start).isEqualTo(bytes.getInt(start + 8));
            CRC32 message = new CRC32();
            message.update(body, start, total - 4);
            messageCrcValid.add((int) message.getValue() == bytes.getInt(start + total - 4));
            bytes.position(start + total);
        }
        assertThat(bytes.remaining()).as("frames cover the whole body").isZero();
        assertThat(messageCrcValid).containsOnlyOnce(false);
        assertThat(messageCrcValid.indexOf(false)).as("a frame in the middle").isPositive()
                .isLessThan(messageCrcValid.size() - 1);
        assertThatThrownBy(() -> SignedClient.frames(body)).isInstanceOf(EventStreamException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void stalledStreamStopsSendingAndKeepsTheConnectionOpen() throws Exception {
        HttpResponse<InputStream> r = client.open(MODEL, "converse-stream", SignedClient.converseBody("Tell me a story"),
                Fault.HEADER, "stall");
        assertThat(r.statusCode()).isEqualTo(200);
        InputStream in = r.body();
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> seen = new ArrayList<>();
        byte[] buf = new byte[4096];
        // the first half of the events arrives
        while (seen.isEmpty()) {
            int n = in.read(buf);
            assertThat(n).as("bytes before the stall").isPositive();
            seen.addAll(decoder.feed(Buffer.buffer(java.util.Arrays.copyOf(buf, n))));
        }
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                int total = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    decoder.feed(Buffer.buffer(java.util.Arrays.copyOf(buf, n)));
                }
                return -1 - total;
            } catch (IOException e) {
                return Integer.MIN_VALUE;
            }
        });
        assertThatThrownBy(() -> next.get(1500, TimeUnit.MILLISECONDS))
                .as("neither more events nor the end of the stream").isInstanceOf(TimeoutException.class);
        in.close();
        assertThat(seen).extracting(EventStreamMessage::eventType).doesNotContain("messageStop");
    }
}
