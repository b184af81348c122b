package io.quarkiverse.bedrock.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A failure the emulator can inject into an answer, chosen per request (header {@value #HEADER}, or a scripted
 * {@link Reply#fault(Fault)}) or for every request by {@link EmulatorOptions#withFault(Fault)}.
 * <p>
 * Three kinds: {@link Kind#HTTP_ERROR errors} are the modelled exceptions of the Bedrock Runtime operations, with their
 * status, {@code x-amzn-ErrorType} and message; {@link Kind#STREAM_EVENT exception events} are the exception members of
 * the stream unions, sent after half of a 200 stream (on a non-streaming operation, or a stream whose union lacks that
 * exception, the operation's matching HTTP error instead); {@link Kind#NETWORK network faults} are synthetic: Bedrock
 * never sends them, a network, a proxy or an overloaded host can.
 */
public enum Fault {

    /** HTTP 429 {@code ThrottlingException}; with {@link EmulatorOptions#retryAfter()} a {@code Retry-After} header. */
    THROTTLING("throttling", Kind.HTTP_ERROR, "HTTP 429 ThrottlingException (+ Retry-After if set)"),
    /** HTTP 500 {@code InternalServerException}. */
    INTERNAL_ERROR("internal-error", Kind.HTTP_ERROR, "HTTP 500 InternalServerException"),
    /** HTTP 503 {@code ServiceUnavailableException}. */
    SERVICE_UNAVAILABLE("service-unavailable", Kind.HTTP_ERROR, "HTTP 503 ServiceUnavailableException"),
    /** HTTP 429 {@code ModelNotReadyException}: the model is being loaded. */
    MODEL_NOT_READY("model-not-ready", Kind.HTTP_ERROR, "HTTP 429 ModelNotReadyException"),
    /** HTTP 408 {@code ModelTimeoutException}. */
    MODEL_TIMEOUT("model-timeout", Kind.HTTP_ERROR, "HTTP 408 ModelTimeoutException"),
    /** HTTP 424 {@code ModelErrorException}. */
    MODEL_ERROR("model-error", Kind.HTTP_ERROR, "HTTP 424 ModelErrorException"),
    /** HTTP 400 {@code ServiceQuotaExceededException}. */
    SERVICE_QUOTA_EXCEEDED("service-quota-exceeded", Kind.HTTP_ERROR, "HTTP 400 ServiceQuotaExceededException"),
    /** HTTP 403 {@code AccessDeniedException}: no access to the model. */
    ACCESS_DENIED("access-denied", Kind.HTTP_ERROR, "HTTP 403 AccessDeniedException"),
    /** A {@code throttlingException} exception event in the middle of a stream, which then ends. */
    STREAM_THROTTLING("stream-throttling", Kind.STREAM_EVENT, "throttlingException event mid-stream"),
    /** A {@code modelStreamErrorException} exception event in the middle of a stream, which then ends. */
    STREAM_MODEL_ERROR("stream-model-error", Kind.STREAM_EVENT, "modelStreamErrorException event mid-stream"),
    /** A {@code validationException} exception event in the middle of a stream, which then ends. */
    STREAM_VALIDATION("stream-validation", Kind.STREAM_EVENT, "validationException event mid-stream"),
    /** An {@code internalServerException} exception event in the middle of a stream, which then ends. */
    STREAM_INTERNAL_ERROR("stream-internal-error", Kind.STREAM_EVENT, "internalServerException event mid-stream"),
    /** A {@code serviceUnavailableException} exception event in the middle of a stream, which then ends. */
    STREAM_SERVICE_UNAVAILABLE("stream-service-unavailable", Kind.STREAM_EVENT,
            "serviceUnavailableException event mid-stream"),
    /**
     * A {@code modelTimeoutException} exception event in the middle of an InvokeModelWithResponseStream stream. The
     * ConverseStream union has no such event: there it is the HTTP 408 {@code ModelTimeoutException} the operation
     * models.
     */
    STREAM_MODEL_TIMEOUT("stream-model-timeout", Kind.STREAM_EVENT,
            "modelTimeoutException event mid-stream (invoke stream; HTTP 408 on converse-stream)"),
    /** Synthetic: the stream ends cleanly after half of its events, without its stop events (non-streaming: none). */
    TRUNCATE("truncate", Kind.NETWORK, "synthetic: stream ends early without its stop events"),
    /** Synthetic: the connection is closed after the first half of a frame (non-streaming: of the body). */
    DROP_MID_FRAME("drop-mid-frame", Kind.NETWORK, "synthetic: connection closed in the middle of a frame"),
    /** Synthetic: one frame in the middle of the stream has a wrong message CRC; the rest follows normally. */
    CORRUPT_CRC("corrupt-crc", Kind.NETWORK, "synthetic: one frame with a wrong message CRC"),
    /** Synthetic: the answer stops in the middle and the connection stays open, silent, until the client gives up. */
    STALL("stall", Kind.NETWORK, "synthetic: answer stops mid-way, connection stays open"),
    /** Synthetic: the whole answer arrives a few bytes per write, a millisecond apart (frames split anywhere). */
    TRICKLE("trickle", Kind.NETWORK, "synthetic: answer sent a few bytes per write, 1 ms apart"),
    /** Synthetic: the answer is complete, then the server closes the connection (no keep-alive reuse). */
    CLOSE_AFTER_ANSWER("close-after-answer", Kind.NETWORK, "synthetic: complete answer, then connection closed"),
    /**
     * A request turned away unprocessed, as by a server shutting down: over HTTP/2 a {@code GOAWAY} whose last
     * stream is below the request's (a client may send it again, on another connection); over HTTP/1.1 the connection
     * closes without an answer.
     */
    GO_AWAY("go-away", Kind.NETWORK, "HTTP/2 GOAWAY below the request's stream (HTTP/1.1: connection closed unanswered)");

    /** Request header choosing a fault for that request, e.g. {@code X-Bedrock-Emulator-Fault: throttling}. */
    public static final String HEADER = "X-Bedrock-Emulator-Fault";

    /** What a fault is made of. */
    public enum Kind {
        /** A modelled Bedrock error answer instead of the result. */
        HTTP_ERROR,
        /** A modelled exception event inside a 200 event stream. */
        STREAM_EVENT,
        /** A transport misbehaviour Bedrock itself does not produce. */
        NETWORK
    }

    private final String wireName;
    private final Kind kind;
    private final String description;

    Fault(String wireName, Kind kind, String description) {
        this.wireName = wireName;
        this.kind = kind;
        this.description = description;
    }

    /** @return the name used in the {@value #HEADER} header and on the command line, e.g. {@code stall} */
    public String wireName() {
        return wireName;
    }

    /** @return what the fault is made of */
    public Kind kind() {
        return kind;
    }

    /** @return one line saying what goes on the wire, as {@code --help} lists it */
    public String description() {
        return description;
    }

    /** @return true for the faults that act on the answer once it started (exception events and network faults) */
    public boolean isStreamFault() {
        return kind != Kind.HTTP_ERROR;
    }

    /** @return true for the faults that send an exception event inside a 200 stream */
    public boolean isExceptionEvent() {
        return kind == Kind.STREAM_EVENT;
    }

    /**
     * @param name a wire name ({@code stream-throttling}) or constant name ({@code STREAM_THROTTLING}), any case
     * @return the fault
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static Fault parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Fault f : values()) {
            if (f.wireName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown emulator fault '" + name + "'; use one of: "
                + Arrays.stream(values()).map(Fault::wireName).collect(Collectors.joining(", ")));
    }
}
