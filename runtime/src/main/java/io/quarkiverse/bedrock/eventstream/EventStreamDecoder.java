package io.quarkiverse.bedrock.eventstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;

/**
 * Incremental {@code application/vnd.amazon.eventstream} decoder: one instance per stream, fed the network chunks in
 * order, whatever their size. A frame may be split at any byte across chunks and a chunk may hold many frames; each
 * message is emitted as soon as its last byte arrives, and the body is never collected as a whole.
 * <p>
 * Every byte is checksummed exactly once, as it arrives (the prelude checksum is the running CRC32 after 8 bytes, the
 * message checksum the same CRC32 continued to the end of the payload). Declared lengths are checked before anything
 * of that size is allocated: a total length below {@value #MIN_FRAME} or above {@link #MAX_FRAME}, or a headers length
 * that does not fit the frame, fails at once. Memory held for a frame split across chunks grows only with the bytes
 * that actually arrived.
 * <p>
 * <b>Zero copy.</b> When a frame's headers and payload lie within one chunk, the payload of the emitted message is a
 * slice of that chunk, sharing its memory. Chunks must therefore not be modified or recycled after they are fed (true
 * of the buffers Vert.x hands to handlers). Payloads are read-only views by contract. A chunk that is not backed by a
 * heap array (a direct buffer) is copied once on arrival.
 * <p>
 * Any malformed input fails with an {@link EventStreamException} naming the problem and its stream offset; after
 * that the decoder is unusable (every further call fails). Not thread-safe.
 */
public final class EventStreamDecoder {

    /** Smallest possible frame: prelude (12 bytes) and message CRC (4 bytes). */
    public static final int MIN_FRAME = 16;
    /** Largest frame accepted (16 MiB); larger declared lengths are rejected before any allocation. */
    public static final int MAX_FRAME = 16 * 1024 * 1024;

    private static final int PRELUDE = 12;
    private static final int TRAILER = 4;

    private static final int IN_PRELUDE = 0;
    private static final int IN_BODY = 1;
    private static final int IN_TRAILER = 2;

    private final CRC32 crc = new CRC32();
    private final HeaderDecoder headerDecoder = new HeaderDecoder();
    /** Holds a prelude or a message CRC split across chunks. */
    private final byte[] scratch = new byte[PRELUDE];
    private int scratchFill;

    private int state = IN_PRELUDE;
    /** Stream offset of the first byte of the chunk being decoded (the bytes fed before it). */
    private long chunkOffset;
    private long frameOffset;
    private int totalLength;
    private int headersLength;
    /** Headers and payload length: total length less prelude and message CRC. */
    private int bodyLength;
    private int bodyFill;

    /** Parts of a body split across chunks, kept by reference until the frame is complete. */
    private byte[][] pieceArrays = new byte[2][];
    private int[] pieceStarts = new int[2];
    private int[] pieceLengths = new int[2];
    /** The chunk (as a heap Buffer) of the first piece and the piece's index in it, for a zero-copy payload. */
    private Buffer firstPieceBuffer;
    private int firstPieceIndex;
    private int pieceCount;

    private RuntimeException failure;

    private final Collector collector = new Collector();

    /** Creates a decoder for one stream. */
    public EventStreamDecoder() {
    }

    /**
     * Decodes the next chunk of the stream.
     *
     * @param chunk the next bytes of the stream, in order; not modified, and not to be modified afterwards
     * @return every message completed by these bytes, possibly none (then an unmodifiable empty list)
     * @throws EventStreamException when the stream is malformed
     */
    public List<EventStreamMessage> feed(Buffer chunk) {
        Collector collector = this.collector;
        try {
            feed(chunk, collector);
            return collector.messages == null ? List.of() : collector.messages;
        } finally {
            collector.messages = null;
        }
    }

    /**
     * Decodes the next chunk of the stream held in an array, without copying it.
     *
     * @param chunk the next bytes of the stream, in order; not to be modified afterwards
     * @return every message completed by these bytes, possibly none
     * @throws EventStreamException when the stream is malformed
     */
    public List<EventStreamMessage> feed(byte[] chunk) {
        return feed(Buffer.buffer(Unpooled.wrappedBuffer(chunk)));
    }

    /**
     * Decodes the next chunk of the stream, handing each completed message to {@code sink} as soon as it is complete,
     * without collecting them in a list.
     *
     * @param chunk the next bytes of the stream, in order; not modified, and not to be modified afterwards
     * @param sink receives each completed message, in stream order; if it throws, the exception propagates and the
     *        decoder becomes unusable
     * @throws EventStreamException when the stream is malformed
     */
    public void feed(Buffer chunk, Consumer<? super EventStreamMessage> sink) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(sink, "sink");
        checkUsable();
        int length = chunk.length();
        if (length == 0) {
            return;
        }
        // BufferImpl exposes its ByteBuf without the slice getByteBuf() allocates per call
        ByteBuf byteBuf = chunk instanceof BufferImpl ? ((BufferImpl) chunk).byteBuf() : chunk.getByteBuf();
        Buffer view = chunk;
        byte[] a;
        int base;
        if (byteBuf.hasArray()) {
            a = byteBuf.array();
            base = byteBuf.arrayOffset() + byteBuf.readerIndex();
        } else {
            a = new byte[length];
            byteBuf.getBytes(byteBuf.readerIndex(), a);
            base = 0;
            view = Buffer.buffer(Unpooled.wrappedBuffer(a));
        }
        try {
            decode(a, base, length, view, sink);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            chunkOffset += length;
        }
    }

    /**
     * Signals the end of the stream.
     *
     * @throws EventStreamException when the stream ended inside a frame
     */
    public void complete() {
        checkUsable();
        if (state == IN_PRELUDE && scratchFill == 0) {
            return;
        }
        String detail;
        if (state == IN_PRELUDE) {
            detail = "after " + scratchFill + " of the 12 prelude bytes";
        } else {
            long received = PRELUDE + bodyFill + (state == IN_TRAILER ? scratchFill : 0);
            detail = "after " + received + " of its " + totalLength + " bytes";
        }
        EventStreamException e = new EventStreamException("Stream ended inside a frame, " + detail, chunkOffset,
                frameOffset);
        failure = e;
        throw e;
    }

    /** @return how many bytes have been fed so far */
    public long bytesFed() {
        return chunkOffset;
    }

    private void checkUsable() {
        if (failure != null) {
            throw new EventStreamException("The decoder already failed and cannot continue: " + failure.getMessage(),
                    chunkOffset, frameOffset);
        }
    }

    private void decode(byte[] a, int base, int length, Buffer view, Consumer<? super EventStreamMessage> sink) {
        int pos = 0;
        while (pos < length) {
            if (state == IN_PRELUDE) {
                if (scratchFill == 0 && length - pos >= PRELUDE) {
                    frameOffset = chunkOffset + pos;
                    readPrelude(a, base + pos);
                    pos += PRELUDE;
                    if (length - pos >= bodyLength + TRAILER) {
                        // fast path: the rest of the frame is in this chunk
                        crc.update(a, base + pos, bodyLength);
                        checkMessageCrc(Bytes.getInt(a, base + pos + bodyLength));
                        HeaderMap headers = headerDecoder.decode(a, base + pos, headersLength, frameOffset + PRELUDE,
                                frameOffset);
                        Buffer payload = view.slice(pos + headersLength, pos + bodyLength);
                        pos += bodyLength + TRAILER;
                        sink.accept(new EventStreamMessage(headers, payload));
                        continue;
                    }
                    startBody();
                } else {
                    if (scratchFill == 0) {
                        frameOffset = chunkOffset + pos;
                    }
                    int n = Math.min(PRELUDE - scratchFill, length - pos);
                    System.arraycopy(a, base + pos, scratch, scratchFill, n);
                    scratchFill += n;
                    pos += n;
                    if (scratchFill < PRELUDE) {
                        return;
                    }
                    scratchFill = 0;
                    readPrelude(scratch, 0);
                    startBody();
                }
            } else if (state == IN_BODY) {
                int n = Math.min(bodyLength - bodyFill, length - pos);
                crc.update(a, base + pos, n);
                addPiece(a, base + pos, n, view, pos);
                bodyFill += n;
                pos += n;
                if (bodyFill == bodyLength) {
                    state = IN_TRAILER;
                }
            } else {
                int n = Math.min(TRAILER - scratchFill, length - pos);
                System.arraycopy(a, base + pos, scratch, scratchFill, n);
                scratchFill += n;
                pos += n;
                if (scratchFill == TRAILER) {
                    scratchFill = 0;
                    checkMessageCrc(Bytes.getInt(scratch, 0));
                    EventStreamMessage message = assembleSplitFrame();
                    state = IN_PRELUDE;
                    sink.accept(message);
                }
            }
        }
    }

    /** Checks the prelude at {@code a[p]} and sets the lengths; leaves the CRC running over the 12 prelude bytes. */
    private void readPrelude(byte[] a, int p) {
        crc.reset();
        crc.update(a, p, 8);
        int expected = Bytes.getInt(a, p + 8);
        int computed = (int) crc.getValue();
        if (computed != expected) {
            throw new EventStreamException("Prelude checksum mismatch: the frame declares 0x" + hex(expected)
                    + " but its first 8 bytes checksum to 0x" + hex(computed), frameOffset + 8, frameOffset);
        }
        int total = Bytes.getInt(a, p);
        int headers = Bytes.getInt(a, p + 4);
        if (total < MIN_FRAME || total > MAX_FRAME) {
            throw new EventStreamException("Invalid frame total length " + Integer.toUnsignedString(total)
                    + " (must be between " + MIN_FRAME + " and " + MAX_FRAME + " bytes)", frameOffset, frameOffset);
        }
        if (headers < 0 || headers > total - MIN_FRAME) {
            throw new EventStreamException("Invalid headers length " + Integer.toUnsignedString(headers)
                    + ": does not fit a frame of " + total + " bytes (at most " + (total - MIN_FRAME) + ")",
                    frameOffset + 4, frameOffset);
        }
        crc.update(a, p + 8, 4);
        totalLength = total;
        headersLength = headers;
        bodyLength = total - PRELUDE - TRAILER;
    }

    private void checkMessageCrc(int expected) {
        int computed = (int) crc.getValue();
        if (computed != expected) {
            throw new EventStreamException("Message checksum mismatch: the frame declares 0x" + hex(expected)
                    + " but its bytes checksum to 0x" + hex(computed), frameOffset + totalLength - TRAILER, frameOffset);
        }
    }

    private void startBody() {
        bodyFill = 0;
        pieceCount = 0;
        state = bodyLength == 0 ? IN_TRAILER : IN_BODY;
    }

    private void addPiece(byte[] a, int start, int n, Buffer view, int viewIndex) {
        if (pieceCount == pieceArrays.length) {
            int grown = pieceCount * 2;
            pieceArrays = Arrays.copyOf(pieceArrays, grown);
            pieceStarts = Arrays.copyOf(pieceStarts, grown);
            pieceLengths = Arrays.copyOf(pieceLengths, grown);
        }
        if (pieceCount == 0) {
            firstPieceBuffer = view;
            firstPieceIndex = viewIndex;
        }
        pieceArrays[pieceCount] = a;
        pieceStarts[pieceCount] = start;
        pieceLengths[pieceCount] = n;
        pieceCount++;
    }

    /** Builds the message of a frame whose body arrived in pieces: zero copy for one piece, one copy otherwise. */
    private EventStreamMessage assembleSplitFrame() {
        byte[] a;
        int start;
        Buffer payload;
        if (pieceCount == 0) {
            a = scratch;
            start = 0;
            payload = Buffer.buffer(0);
        } else if (pieceCount == 1) {
            a = pieceArrays[0];
            start = pieceStarts[0];
            payload = firstPieceBuffer.slice(firstPieceIndex + headersLength, firstPieceIndex + bodyLength);
        } else {
            a = new byte[bodyLength];
            start = 0;
            int p = 0;
            for (int i = 0; i < pieceCount; i++) {
                System.arraycopy(pieceArrays[i], pieceStarts[i], a, p, pieceLengths[i]);
                p += pieceLengths[i];
            }
            payload = Buffer.buffer(Unpooled.wrappedBuffer(a, headersLength, bodyLength - headersLength));
        }
        Arrays.fill(pieceArrays, 0, pieceCount, null);
        firstPieceBuffer = null;
        pieceCount = 0;
        HeaderMap headers = headerDecoder.decode(a, start, headersLength, frameOffset + PRELUDE, frameOffset);
        return new EventStreamMessage(headers, payload);
    }

    /** Collects the messages of one {@link #feed(Buffer)} call, allocating a list only when there is one. */
    private static final class Collector implements Consumer<EventStreamMessage> {
        List<EventStreamMessage> messages;

        @Override
        public void accept(EventStreamMessage m) {
            if (messages == null) {
                messages = new ArrayList<>(4);
            }
            messages.add(m);
        }
    }

    private static String hex(int v) {
        String s = Integer.toHexString(v);
        return "00000000".substring(s.length()) + s;
    }
}
