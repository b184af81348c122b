package io.quarkiverse.bedrock.runtime.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/** Decoder behaviour beyond the shared vectors: limits, truncation, malformed headers, zero copy, failure state. */
class EventStreamDecoderTest {

    private static final byte[] TEXT_DELTA = EventStreamEncoder
            .encode(EventStreamMessage.jsonEvent("contentBlockDelta",
                    "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"abcdefghij\"}"))
            .getBytes();

    private static EventStreamException decodeFailure(byte[] stream) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        try {
            decoder.feed(Chunks.wrap(stream));
            decoder.complete();
        } catch (EventStreamException e) {
            return e;
        }
        throw new AssertionError("expected an EventStreamException");
    }

    @Test
    void emitsEachMessageAsSoonAsItsLastByteArrives() {
        byte[] two = concat(TEXT_DELTA, TEXT_DELTA);
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThat(decoder.feed(Chunks.wrap(Arrays.copyOfRange(two, 0, TEXT_DELTA.length - 1)))).isEmpty();
        assertThat(decoder.feed(Chunks.wrap(Arrays.copyOfRange(two, TEXT_DELTA.length - 1, TEXT_DELTA.length))))
                .hasSize(1);
        assertThat(decoder.feed(Chunks.wrap(Arrays.copyOfRange(two, TEXT_DELTA.length, two.length)))).hasSize(1);
        decoder.complete();
        assertThat(decoder.bytesFed()).isEqualTo(two.length);
    }

    @Test
    void oneChunkWithManyFramesGoesToTheSinkInOrder() {
        List<EventStreamMessage> expected = new ArrayList<>();
        Buffer stream = Buffer.buffer();
        for (int i = 0; i < 50; i++) {
            EventStreamMessage m = EventStreamMessage.jsonEvent("e" + i, "{\"i\":" + i + "}");
            expected.add(m);
            stream.appendBuffer(EventStreamEncoder.encode(m));
        }
        List<EventStreamMessage> seen = new ArrayList<>();
        EventStreamDecoder decoder = new EventStreamDecoder();
        decoder.feed(stream, seen::add);
        decoder.complete();
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(seen.get(7).eventType()).isEqualTo("e7");
        assertThat(seen.get(7).checkedType()).isEqualTo(MessageType.EVENT);
    }

    @Test
    void payloadOfAFrameInsideOneChunkSharesTheChunkMemory() {
        // the second chunk holds the end of the first frame and the whole second frame
        byte[] stream = concat(TEXT_DELTA, TEXT_DELTA);
        int cut = TEXT_DELTA.length - 3;
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThat(decoder.feed(Chunks.wrap(Arrays.copyOfRange(stream, 0, cut)))).isEmpty();
        byte[] rest = Arrays.copyOfRange(stream, cut, stream.length);
        List<EventStreamMessage> out = decoder.feed(Chunks.wrap(rest));
        assertThat(out).hasSize(2);
        EventStreamMessage m = out.get(1);
        ByteBuf payload = m.payload().getByteBuf();
        assertThat(payload.hasArray()).isTrue();
        assertThat(payload.array()).isSameAs(rest);
        assertThat(m.payloadAsString()).contains("Hello");
    }

    @Test
    void payloadOfAFrameWhoseBodyArrivesInOneChunkAfterASplitPreludeIsStillShared() {
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThat(decoder.feed(Chunks.wrap(Arrays.copyOfRange(TEXT_DELTA, 0, 5)))).isEmpty();
        assertThat(decoder.feed(Chunks.wrap(Arrays.copyOfRange(TEXT_DELTA, 5, 12)))).isEmpty();
        byte[] body = Arrays.copyOfRange(TEXT_DELTA, 12, TEXT_DELTA.length - 2);
        assertThat(decoder.feed(Chunks.wrap(body))).isEmpty();
        EventStreamMessage m = decoder
                .feed(Chunks.wrap(Arrays.copyOfRange(TEXT_DELTA, TEXT_DELTA.length - 2, TEXT_DELTA.length))).get(0);
        assertThat(m.payload().getByteBuf().array()).isSameAs(body);
        assertThat(EventStreamEncoder.encode(m).getBytes()).isEqualTo(TEXT_DELTA);
    }

    @Test
    void directBufferChunksAreDecodedToo() {
        ByteBuf direct = Unpooled.directBuffer(TEXT_DELTA.length * 2);
        direct.writeBytes(TEXT_DELTA).writeBytes(TEXT_DELTA);
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = decoder.feed(Buffer.buffer(direct));
        decoder.complete();
        assertThat(out).hasSize(2);
        assertThat(EventStreamEncoder.encode(out.get(1)).getBytes()).isEqualTo(TEXT_DELTA);
        direct.release();
    }

    @Test
    void byteArrayOverloadDecodesWithoutCopying() {
        EventStreamDecoder decoder = new EventStreamDecoder();
        EventStreamMessage m = decoder.feed(TEXT_DELTA).get(0);
        assertThat(m.payload().getByteBuf().array()).isSameAs(TEXT_DELTA);
    }

    @Test
    void aLargePayloadSplitAcrossChunksSharesTheChunksMemory() {
        byte[] json = new byte[64 * 1024];
        Arrays.fill(json, (byte) 'a');
        byte[] frame = EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk", new String(json,
                StandardCharsets.US_ASCII))).getBytes();
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < frame.length; from += 1024) {
            chunks.add(Arrays.copyOfRange(frame, from, Math.min(frame.length, from + 1024)));
        }
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = new ArrayList<>();
        for (byte[] chunk : chunks) {
            decoder.feed(Chunks.wrap(chunk), out::add);
        }
        decoder.complete();
        assertThat(out).hasSize(1);
        Buffer payload = out.get(0).payload();
        assertThat(payload.getBytes()).isEqualTo(json);
        assertThat(EventStreamEncoder.encode(out.get(0)).getBytes()).isEqualTo(frame);
        // the payload is a view of the chunks: a byte changed in the third chunk shows through
        chunks.get(2)[10] = 'Z';
        int headersEnd = frame.length - 4 - json.length;
        assertThat(payload.getByte(2 * 1024 + 10 - headersEnd)).isEqualTo((byte) 'Z');
    }

    @Test
    void aPayloadCutIntoTinyPiecesIsCopiedOnceIntoAnArrayOfItsSize() {
        byte[] json = new byte[4096];
        Arrays.fill(json, (byte) 'b');
        byte[] frame = EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk", new String(json,
                StandardCharsets.US_ASCII))).getBytes();
        List<EventStreamMessage> out = Chunks.decodeInChunksOf(frame, 7);
        assertThat(out).hasSize(1);
        ByteBuf payload = out.get(0).payload().getByteBuf();
        assertThat(payload.hasArray()).isTrue();
        assertThat(payload.array()).hasSize(json.length).isEqualTo(json);
    }

    @Test
    void headersSplitAcrossChunksAreGathered() {
        byte[] stream = concat(TEXT_DELTA, TEXT_DELTA);
        // cut inside the headers section of each frame, the second time with the cut in a later chunk
        List<EventStreamMessage> out = Chunks.decodeCut(stream, 20, 30, 40, TEXT_DELTA.length + 15,
                TEXT_DELTA.length + 16, TEXT_DELTA.length + 50);
        assertThat(out).hasSize(2);
        for (EventStreamMessage m : out) {
            assertThat(m.eventType()).isEqualTo("contentBlockDelta");
            assertThat(m.contentType()).isEqualTo("application/json");
            assertThat(EventStreamEncoder.encode(m).getBytes()).isEqualTo(TEXT_DELTA);
        }
    }

    @Test
    void theHeadersBedrockRepeatsInEveryFrameAreDecodedOnceAndThenReused() {
        byte[] stream = concat(TEXT_DELTA, TEXT_DELTA);
        List<EventStreamMessage> out = Chunks.decodeWhole(stream);
        assertThat(out).hasSize(2);
        List<String> firstNames = new ArrayList<>(out.get(0).headers().keySet());
        List<String> secondNames = new ArrayList<>(out.get(1).headers().keySet());
        assertThat(firstNames).containsExactly(":event-type", ":content-type", ":message-type");
        // the protocol names are the constants themselves, so a lookup by constant matches by identity
        assertThat(firstNames.get(0)).isSameAs(EventStreamMessage.EVENT_TYPE);
        assertThat(firstNames.get(2)).isSameAs(EventStreamMessage.MESSAGE_TYPE);
        for (int i = 0; i < firstNames.size(); i++) {
            assertThat(secondNames.get(i)).isSameAs(firstNames.get(i));
            assertThat(out.get(1).headers().get(firstNames.get(i))).isSameAs(out.get(0).headers().get(firstNames.get(i)));
        }
    }

    @Test
    void framesWithByteIdenticalHeadersShareOneImmutableHeaderMap() {
        byte[] other = EventStreamEncoder.encode(EventStreamMessage.jsonEvent("messageStop", "{}")).getBytes();
        List<EventStreamMessage> out = Chunks.decodeWhole(concat(concat(TEXT_DELTA, other), TEXT_DELTA));
        assertThat(out).hasSize(3);
        assertThat(out.get(2).headers()).isSameAs(out.get(0).headers());
        assertThat(out.get(1).headers()).isNotSameAs(out.get(0).headers());
        assertThat(out.get(1).eventType()).isEqualTo("messageStop");
        assertThatThrownBy(() -> out.get(0).headers().put("x", HeaderValue.string("y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aByteArrayHeaderIsNeverSharedBetweenMessages() {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(EventStreamMessage.MESSAGE_TYPE, HeaderValue.string("event"));
        headers.put("blob", new HeaderValue(HeaderType.BYTE_ARRAY, new byte[] { 1, 2, 3 }));
        byte[] frame = EventStreamEncoder.encode(new EventStreamMessage(headers, Buffer.buffer("x"))).getBytes();
        List<EventStreamMessage> out = Chunks.decodeWhole(concat(frame, frame));
        assertThat(out).hasSize(2);
        byte[] first = (byte[]) out.get(0).headers().get("blob").value();
        byte[] second = (byte[]) out.get(1).headers().get("blob").value();
        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void preludeChecksumIsVerifiedBeforeTheLengths() {
        byte[] bad = TEXT_DELTA.clone();
        bad[9] ^= 1;
        EventStreamException e = decodeFailure(bad);
        assertThat(e).hasMessageContaining("Prelude checksum mismatch");
        assertThat(e.offset()).isEqualTo(8);
        assertThat(e.frameOffset()).isZero();
    }

    @Test
    void messageChecksumErrorNamesTheChecksumOffsetInTheStream() {
        byte[] bad = concat(TEXT_DELTA, TEXT_DELTA);
        bad[TEXT_DELTA.length + 40] ^= 0x10;
        EventStreamException e = decodeFailure(bad);
        assertThat(e).hasMessageContaining("Message checksum mismatch");
        assertThat(e.frameOffset()).isEqualTo(TEXT_DELTA.length);
        assertThat(e.offset()).isEqualTo(2L * TEXT_DELTA.length - 4);
        assertThat(e).hasMessageContaining("stream offset " + (2 * TEXT_DELTA.length - 4));
    }

    @Test
    void totalLengthBelowTheMinimumIsRejected() {
        EventStreamException e = decodeFailure(Frames.prelude(15, 0));
        assertThat(e).hasMessageContaining("Invalid frame total length 15");
        assertThat(e.offset()).isZero();
    }

    @Test
    void totalLengthAbove16MiBIsRejectedBeforeAllocating() {
        for (int total : new int[] { EventStreamDecoder.MAX_FRAME + 1, Integer.MAX_VALUE, -1, 0x80000000 }) {
            byte[] prelude = Frames.prelude(total, 0);
            EventStreamDecoder decoder = new EventStreamDecoder();
            long before = Frames.allocatedBytes();
            assertThatThrownBy(() -> decoder.feed(Chunks.wrap(prelude)))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("Invalid frame total length " + Integer.toUnsignedString(total));
            assertThat(Frames.allocatedBytes() - before).as("bytes allocated for total %s", total)
                    .isLessThan(64 * 1024);
        }
    }

    @Test
    void headersLengthThatDoesNotFitTheFrameIsRejected() {
        EventStreamException e = decodeFailure(Frames.prelude(20, 5));
        assertThat(e).hasMessageContaining("Invalid headers length 5");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(decodeFailure(Frames.prelude(100, -1))).hasMessageContaining("Invalid headers length 4294967295");
    }

    @Test
    void aLargeDeclaredFrameHoldsOnlyTheBytesThatArrived() {
        byte[] prelude = Frames.prelude(EventStreamDecoder.MAX_FRAME, 0);
        EventStreamDecoder decoder = new EventStreamDecoder();
        long before = Frames.allocatedBytes();
        decoder.feed(Chunks.wrap(prelude));
        for (int i = 0; i < 10; i++) {
            decoder.feed(Chunks.wrap(new byte[100]));
        }
        assertThat(Frames.allocatedBytes() - before).isLessThan(256 * 1024);
        EventStreamException e = (EventStreamException) Assertions.catchThrowable(decoder::complete);
        assertThat(e).hasMessageContaining("Stream ended inside a frame, after 1012 of its 16777216 bytes");
        assertThat(e.offset()).isEqualTo(1012);
        assertThat(e.frameOffset()).isZero();
    }

    @Test
    void aStreamEndingInsideAFrameIsAnErrorWhereverItStops() {
        byte[] stream = concat(TEXT_DELTA, TEXT_DELTA);
        for (int end = TEXT_DELTA.length + 1; end < stream.length; end++) {
            EventStreamDecoder decoder = new EventStreamDecoder();
            assertThat(decoder.feed(Chunks.wrap(Arrays.copyOf(stream, end)))).hasSize(1);
            int at = end;
            assertThatThrownBy(decoder::complete)
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("Stream ended inside a frame")
                    .satisfies(t -> assertThat(((EventStreamException) t).offset()).isEqualTo(at))
                    .satisfies(t -> assertThat(((EventStreamException) t).frameOffset()).isEqualTo(TEXT_DELTA.length));
        }
    }

    @Test
    void anEmptyStreamIsFine() {
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThat(decoder.feed(Buffer.buffer())).isEmpty();
        decoder.complete();
    }

    @Test
    void unknownHeaderTypeIsRejectedAtItsTypeByte() {
        byte[] headers = { 1, 'x', 10 };
        EventStreamException e = decodeFailure(Frames.frame(headers, new byte[0]));
        assertThat(e).hasMessageContaining("Unknown header type 10 for header 'x'");
        assertThat(e.offset()).isEqualTo(14);
    }

    @Test
    void emptyHeaderNameIsRejected() {
        assertThat(decodeFailure(Frames.frame(new byte[] { 0, 0 }, new byte[0])))
                .hasMessageContaining("Header name is empty");
    }

    @Test
    void duplicateHeaderNameIsRejected() {
        byte[] headers = { 1, 'a', 0, 1, 'a', 1 };
        EventStreamException e = decodeFailure(Frames.frame(headers, new byte[0]));
        assertThat(e).hasMessageContaining("Duplicate header 'a'");
        assertThat(e.offset()).isEqualTo(15);
    }

    @Test
    void headerValuesRunningPastTheHeadersSectionAreRejected() {
        // a string declaring 200 bytes while the section has 3 left; payload bytes follow but must not be read
        byte[] headers = { 1, 's', 7, 0, (byte) 200, 'a', 'b', 'c' };
        assertThat(decodeFailure(Frames.frame(headers, new byte[300])))
                .hasMessageContaining("Value of header 's' runs past the end of the headers section");
        for (int type = 2; type <= 9; type++) {
            byte[] truncated = { 1, 'v', (byte) type };
            assertThat(decodeFailure(Frames.frame(truncated, new byte[32])))
                    .hasMessageContaining("Value of header 'v' runs past the end");
        }
        assertThat(decodeFailure(Frames.frame(new byte[] { 5, 'a', 'b' }, new byte[10])))
                .hasMessageContaining("Header name runs past the end of the headers section");
    }

    @Test
    void aFailedDecoderStaysFailed() {
        byte[] bad = TEXT_DELTA.clone();
        bad[20] ^= 1;
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThatThrownBy(() -> decoder.feed(Chunks.wrap(bad))).isInstanceOf(EventStreamException.class);
        assertThatThrownBy(() -> decoder.feed(Chunks.wrap(TEXT_DELTA)))
                .isInstanceOf(EventStreamException.class)
                .hasMessageContaining("already failed")
                .hasMessageContaining("Message checksum mismatch");
        assertThatThrownBy(decoder::complete).isInstanceOf(EventStreamException.class);
    }

    @Test
    void anExceptionFromTheSinkPropagatesAndStopsTheDecoder() {
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThatThrownBy(() -> decoder.feed(Chunks.wrap(TEXT_DELTA), m -> {
            throw new IllegalStateException("downstream broke");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decoder.feed(Chunks.wrap(TEXT_DELTA)))
                .isInstanceOf(EventStreamException.class).hasMessageContaining("downstream broke");
    }

    @Test
    void messagesExposeTheProtocolHeaders() {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(EventStreamMessage.MESSAGE_TYPE, HeaderValue.string("error"));
        h.put(EventStreamMessage.ERROR_CODE, HeaderValue.string("ThrottlingException"));
        h.put(EventStreamMessage.ERROR_MESSAGE, HeaderValue.string("slow down"));
        EventStreamMessage m = Chunks.decodeWhole(EventStreamEncoder
                .encode(new EventStreamMessage(h, Buffer.buffer())).getBytes()).get(0);
        assertThat(m.checkedType()).isEqualTo(MessageType.ERROR);
        assertThat(m.messageType()).isEqualTo("error");
        assertThat(m.errorCode()).isEqualTo("ThrottlingException");
        assertThat(m.errorMessage()).isEqualTo("slow down");
        assertThat(m.eventType()).isNull();
        assertThat(m.headers().keySet()).containsExactly(":message-type", ":error-code", ":error-message");
        assertThat(m).isEqualTo(new EventStreamMessage(h, Buffer.buffer()));
        assertThatThrownBy(() -> m.headers().put("x", HeaderValue.bool(true)))
                .isInstanceOf(UnsupportedOperationException.class);

        EventStreamMessage exception = EventStreamMessage.jsonException("throttlingException", "{\"message\":\"m\"}");
        assertThat(exception.checkedType()).isEqualTo(MessageType.EXCEPTION);
        assertThat(exception.exceptionType()).isEqualTo("throttlingException");

        Map<String, HeaderValue> unknown = Map.of(EventStreamMessage.MESSAGE_TYPE, HeaderValue.string("gossip"));
        assertThatThrownBy(() -> new EventStreamMessage(unknown, Buffer.buffer()).checkedType())
                .isInstanceOf(EventStreamException.class).hasMessageContaining("Unknown :message-type 'gossip'");
    }

    @Test
    void encoderRejectsWhatCannotBeFramed() {
        assertThatThrownBy(() -> EventStreamEncoder.encode(message("", HeaderValue.bool(true))))
                .isInstanceOf(EventStreamException.class).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> EventStreamEncoder.encode(message("n".repeat(256), HeaderValue.bool(true))))
                .isInstanceOf(EventStreamException.class).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> EventStreamEncoder.encode(message("s", HeaderValue.string("x".repeat(65536)))))
                .isInstanceOf(EventStreamException.class).hasMessageContaining("at most 65535");
        Buffer huge = Buffer.buffer(new byte[EventStreamDecoder.MAX_FRAME]);
        assertThatThrownBy(() -> EventStreamEncoder.encode(new EventStreamMessage(Map.of(), huge)))
                .isInstanceOf(EventStreamException.class).hasMessageContaining("Cannot encode a frame of");
    }

    @Test
    void encodedFramesAreGrowableBuffers() {
        Buffer frame = EventStreamEncoder.encode(EventStreamMessage.jsonEvent("messageStop", "{}"));
        int length = frame.length();
        frame.appendBuffer(EventStreamEncoder.encode(EventStreamMessage.jsonEvent("metadata", "{}")));
        assertThat(Chunks.decodeWhole(frame.getBytes())).extracting(EventStreamMessage::eventType)
                .containsExactly("messageStop", "metadata");
        assertThat(frame.length()).isGreaterThan(length);
        assertThat(new String(frame.getBytes(), StandardCharsets.ISO_8859_1)).contains("messageStop");
    }

    private static EventStreamMessage message(String name, HeaderValue value) {
        return new EventStreamMessage(Map.of(name, value), Buffer.buffer());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
