package io.quarkiverse.bedrock.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A failure the emulator can inject into an answer, chosen per request (header {@value #HEADER}, or a scripted
 * {@link Reply#fault(Fault)}) or for every request by {@link EmulatorOptions#withFault(Fault)}.
 * <p>
 * Stream faults let the stream start normally and strike after half of its events. On a non-streaming operation, the
 * exception-event faults ({@code STREAM_*}) answer with the matching HTTP error; {@link #CORRUPT_CRC} and
 * {@link #TRUNCATE} have no meaning there and are ignored.
 */
public enum Fault {

    /** HTTP 429 {@code ThrottlingException}. */
    THROTTLING("throttling"),
    /** HTTP 500 {@code InternalServerException}. */
    INTERNAL_ERROR("internal-error"),
    /** HTTP 503 {@code ServiceUnavailableException}. */
    SERVICE_UNAVAILABLE("service-unavailable"),
    /** A {@code throttlingException} exception event in the middle of a stream, which then ends. */
    STREAM_THROTTLING("stream-throttling"),
    /** A {@code modelStreamErrorException} exception event in the middle of a stream, which then ends. */
    STREAM_MODEL_ERROR("stream-model-error"),
    /** A {@code validationException} exception event in the middle of a stream, which then ends. */
    STREAM_VALIDATION("stream-validation"),
    /** An {@code internalServerException} exception event in the middle of a stream, which then ends. */
    STREAM_INTERNAL_ERROR("stream-internal-error"),
    /** A {@code serviceUnavailableException} exception event in the middle of a stream, which then ends. */
    STREAM_SERVICE_UNAVAILABLE("stream-service-unavailable"),
    /** A {@code modelTimeoutException} exception event in the middle of a stream, which then ends. */
    STREAM_MODEL_TIMEOUT("stream-model-timeout"),
    /** The stream ends cleanly after half of its events, without its stop event (non-streaming: no effect). */
    TRUNCATE("truncate"),
    /** The connection is closed after the first half of a frame (non-streaming: after half of the body). */
    DROP_MID_FRAME("drop-mid-frame"),
    /** One frame in the middle of the stream goes out with a wrong message CRC; the rest follows normally. */
    CORRUPT_CRC("corrupt-crc"),
    /** The answer stops in the middle and the connection stays open, silent, until the client gives up. */
    STALL("stall");

    /** Request header choosing a fault for that request, e.g. {@code X-Bedrock-Emulator-Fault: throttling}. */
    public static final String HEADER = "X-Bedrock-Emulator-Fault";

    private final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name used in the {@value #HEADER} header and on the command line, e.g. {@code stall} */
    public String wireName() {
        return wireName;
    }

    /** @return true for the faults that only make sense inside an event stream */
    public boolean isStreamFault() {
        return isExceptionEvent() || this == DROP_MID_FRAME || this == CORRUPT_CRC || this == STALL || this == TRUNCATE;
    }

    /** @return true for the faults that send an exception event inside a 200 stream */
    public boolean isExceptionEvent() {
        return StreamExceptions.of(this) != null;
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
