package io.quarkiverse.bedrock.runtime.eventstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
 * <b>Zero copy.</b> When a frame's headers and payload lie within one chunk, the payload of the emitted message lies in
 * that chunk, sharing its memory (read in place with {@link EventStreamMessage#readPayload}, or as a slice made on the
 * first {@link EventStreamMessage#payload()} call). When a large payload arrives in several chunks, it is a composite of slices
 * of those chunks (still no copy); only a small payload, or one cut into many tiny pieces, is copied once into an array
 * of its exact size. Chunks must therefore not be modified or recycled after they are fed (true of the buffers Vert.x
 * hands to handlers). Payloads are read-only views by contract. A chunk that is not backed by a heap array (a direct
 * buffer) is copied once on arrival.
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

    /**
     * A payload split across chunks becomes a composite of slices only when its pieces average at least this many
     * bytes: each slice costs about a hundred bytes of bookkeeping, so smaller pieces are cheaper to copy, and tiny
     * chunks must not turn into more bookkeeping than data.
     */
    private static final int MIN_AVERAGE_SLICE = 512;
    /** Largest headers section whose gathering array (for headers split across chunks) is kept for the next frame. */
    private static final int MAX_KEPT_HEADER_SCRATCH = 4096;

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

    /**
     * Parts of a body split across chunks, kept by reference until the frame is complete: the backing array and the
     * start in it (to read headers and copy), and the chunk's heap ByteBuf and the index in it (to slice).
     */
    private byte[][] pieceArrays = new byte[2][];
    private int[] pieceStarts = new int[2];
    private int[] pieceLengths = new int[2];
    private ByteBuf[] pieceBufs = new ByteBuf[2];
    private int[] pieceIndexes = new int[2];
    private int pieceCount;
    /** Gathers a headers section split across chunks. */
    private byte[] headerScratch = new byte[0];

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
        ByteBuf heap;
        byte[] a;
        int base;
        if (byteBuf.hasArray()) {
            heap = byteBuf;
            a = byteBuf.array();
            base = byteBuf.arrayOffset() + byteBuf.readerIndex();
        } else {
            a = new byte[length];
            byteBuf.getBytes(byteBuf.readerIndex(), a);
            base = 0;
            heap = Unpooled.wrappedBuffer(a);
        }
        try {
            decode(a, base, length, heap, heap.readerIndex(), sink);
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
    long bytesFed() {
        return chunkOffset;
    }

    private void checkUsable() {
        if (failure != null) {
            throw new EventStreamException("The decoder already failed and cannot continue: " + failure.getMessage(),
                    chunkOffset, frameOffset);
        }
    }

    /**
     * @param a the chunk's backing array, its bytes at {@code a[base, base + length)}
     * @param heap the chunk as a heap ByteBuf over {@code a}, its bytes at {@code heap[index, index + length)}
     */
    private void decode(byte[] a, int base, int length, ByteBuf heap, int index,
            Consumer<? super EventStreamMessage> sink) {
        int pos = 0;
        while (pos < length) {
            if (state == IN_PRELUDE) {
                if (scratchFill == 0 && length - pos >= PRELUDE) {
                    frameOffset = chunkOffset + pos;
                    readPrelude(a, base + pos);
                    if (length - pos - PRELUDE >= bodyLength + TRAILER) {
                        // fast path: the rest of the frame is in this chunk; one checksum call from the prelude CRC on
                        crc.update(a, base + pos + 8, 4 + bodyLength);
                        pos += PRELUDE;
                        checkMessageCrc(Bytes.getInt(a, base + pos + bodyLength));
                        HeaderMap headers = headerDecoder.decode(a, base + pos, headersLength, frameOffset + PRELUDE,
                                frameOffset);
                        EventStreamMessage message = new EventStreamMessage(headers, heap, index + pos + headersLength,
                                bodyLength - headersLength);
                        pos += bodyLength + TRAILER;
                        sink.accept(message);
                        continue;
                    }
                    crc.update(a, base + pos + 8, 4);
                    pos += PRELUDE;
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
                    crc.update(scratch, 8, 4);
                    startBody();
                }
            } else if (state == IN_BODY) {
                int n = Math.min(bodyLength - bodyFill, length - pos);
                crc.update(a, base + pos, n);
                addPiece(a, base + pos, n, heap, index + pos);
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

    /**
     * Checks the prelude at {@code a[p]} and sets the lengths; leaves the CRC running over the first 8 prelude bytes (the
     * caller continues it over the prelude CRC).
     */
    private void readPrelude(byte[] a, int p) {
        crc.reset();
        crc.update(a, p, 8);
        int expected = Bytes.getInt(a, p + 8);
        int computed = (int) crc.getValue();
        if (computed != expected) {
            throw new EventStreamException(
                    "Prelude checksum mismatch: the frame declares 0x" + HexFormat.of().toHexDigits(expected)
                            + " but its first 8 bytes checksum to 0x" + HexFormat.of().toHexDigits(computed),
                    frameOffset + 8, frameOffset);
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
        totalLength = total;
        headersLength = headers;
        bodyLength = total - PRELUDE - TRAILER;
    }

    private void checkMessageCrc(int expected) {
        int computed = (int) crc.getValue();
        if (computed != expected) {
            throw new EventStreamException(
                    "Message checksum mismatch: the frame declares 0x" + HexFormat.of().toHexDigits(expected)
                            + " but its bytes checksum to 0x" + HexFormat.of().toHexDigits(computed),
                    frameOffset + totalLength - TRAILER, frameOffset);
        }
    }

    private void startBody() {
        bodyFill = 0;
        pieceCount = 0;
        state = bodyLength == 0 ? IN_TRAILER : IN_BODY;
    }

    private void addPiece(byte[] a, int start, int n, ByteBuf heap, int heapIndex) {
        if (pieceCount == pieceArrays.length) {
            int grown = pieceCount * 2;
            pieceArrays = Arrays.copyOf(pieceArrays, grown);
            pieceStarts = Arrays.copyOf(pieceStarts, grown);
            pieceLengths = Arrays.copyOf(pieceLengths, grown);
            pieceBufs = Arrays.copyOf(pieceBufs, grown);
            pieceIndexes = Arrays.copyOf(pieceIndexes, grown);
        }
        pieceArrays[pieceCount] = a;
        pieceStarts[pieceCount] = start;
        pieceLengths[pieceCount] = n;
        pieceBufs[pieceCount] = heap;
        pieceIndexes[pieceCount] = heapIndex;
        pieceCount++;
    }

    /**
     * Builds the message of a frame whose body arrived in pieces: zero copy for one piece or a large payload, one copy
     * of a small payload otherwise.
     */
    private EventStreamMessage assembleSplitFrame() {
        int payloadLength = bodyLength - headersLength;
        EventStreamMessage message;
        if (pieceCount == 0) {
            message = new EventStreamMessage(HeaderMap.EMPTY, Buffer.buffer(0));
        } else if (pieceCount == 1) {
            HeaderMap headers = headerDecoder.decode(pieceArrays[0], pieceStarts[0], headersLength,
                    frameOffset + PRELUDE, frameOffset);
            message = new EventStreamMessage(headers, pieceBufs[0], pieceIndexes[0] + headersLength, payloadLength);
        } else if (payloadLength / pieceCount >= MIN_AVERAGE_SLICE) {
            message = new EventStreamMessage(splitHeaders(), Buffer.buffer(compositePayload()));
        } else {
            HeaderMap headers = splitHeaders();
            ByteBuf copy = Unpooled.wrappedBuffer(copyBody(headersLength, bodyLength, new byte[payloadLength]));
            message = new EventStreamMessage(headers, copy, 0, payloadLength);
        }
        Arrays.fill(pieceArrays, 0, pieceCount, null);
        Arrays.fill(pieceBufs, 0, pieceCount, null);
        pieceCount = 0;
        return message;
    }

    /** Decodes the headers of a body in pieces: in place when the first piece holds them, else gathered first. */
    private HeaderMap splitHeaders() {
        if (pieceLengths[0] >= headersLength) {
            return headerDecoder.decode(pieceArrays[0], pieceStarts[0], headersLength, frameOffset + PRELUDE,
                    frameOffset);
        }
        byte[] gathered = headerScratch.length >= headersLength ? headerScratch : new byte[headersLength];
        if (headersLength <= MAX_KEPT_HEADER_SCRATCH) {
            headerScratch = gathered;
        }
        copyBody(0, headersLength, gathered);
        return headerDecoder.decode(gathered, 0, headersLength, frameOffset + PRELUDE, frameOffset);
    }

    /** Copies the body bytes {@code [from, to)}, gathered from the pieces, to the start of {@code dest}. */
    private byte[] copyBody(int from, int to, byte[] dest) {
        int pieceStart = 0;
        for (int i = 0; i < pieceCount && pieceStart < to; i++) {
            int pieceEnd = pieceStart + pieceLengths[i];
            int lo = Math.max(from, pieceStart);
            int hi = Math.min(to, pieceEnd);
            if (lo < hi) {
                System.arraycopy(pieceArrays[i], pieceStarts[i] + (lo - pieceStart), dest, lo - from, hi - lo);
            }
            pieceStart = pieceEnd;
        }
        return dest;
    }

    /** The payload as a composite of slices of the pieces, skipping the headers. */
    private ByteBuf compositePayload() {
        int skip = headersLength;
        int first = 0;
        while (pieceLengths[first] <= skip) {
            skip -= pieceLengths[first];
            first++;
        }
        ByteBuf[] slices = new ByteBuf[pieceCount - first];
        for (int i = first; i < pieceCount; i++) {
            int offset = i == first ? skip : 0;
            slices[i - first] = pieceBufs[i].slice(pieceIndexes[i] + offset, pieceLengths[i] - offset);
        }
        return Unpooled.wrappedBuffer(slices.length, slices);
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

}
