package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.eventstream.EventStreamException;
import io.quarkiverse.bedrock.eventstream.EventStreamMessage;
import io.vertx.core.buffer.Buffer;

/** Each fault mode produces the wire behaviour it names, asserted on the raw status, headers and bytes. */
class FaultInjectionTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static BedrockEmulator emulator;
    static SignedClient client;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.create().start();
        client = new SignedClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @BeforeEach
    void reset() {
        emulator.reset().options(EmulatorOptions.defaults());
    }

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

    @Test
    void droppedConnectionEndsInsideAFrame() throws Exception {
        HttpResponse<InputStream> r = client.open(MODEL, "converse-stream", SignedClient.converseBody("Tell me a story"),
                Fault.HEADER, "drop-mid-frame");
        assertThat(r.statusCode()).isEqualTo(200);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean failed = false;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.write(buf, 0, n);
            }
        } catch (IOException e) {
            failed = true; // the connection closed before the chunked body's end
        }
        assertThat(failed).as("the read fails: the chunked body never ends").isTrue();
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> complete = decoder.feed(Buffer.buffer(received.toByteArray()));
        assertThat(complete).as("whole frames before the cut").isNotEmpty();
        assertThatThrownBy(decoder::complete).as("the last frame is cut in the middle")
                .isInstanceOf(EventStreamException.class);
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
