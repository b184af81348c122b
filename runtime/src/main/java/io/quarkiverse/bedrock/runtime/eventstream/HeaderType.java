package io.quarkiverse.bedrock.runtime.eventstream;

/** The ten header value types of the event-stream format, with their wire type byte. */
public enum HeaderType {
    /** Boolean true, no value bytes. */
    BOOL_TRUE(0),
    /** Boolean false, no value bytes. */
    BOOL_FALSE(1),
    /** Signed 8-bit integer. */
    BYTE(2),
    /** Signed 16-bit big-endian integer. */
    SHORT(3),
    /** Signed 32-bit big-endian integer. */
    INT(4),
    /** Signed 64-bit big-endian integer. */
    LONG(5),
    /** Length-prefixed (uint16) bytes. */
    BYTE_ARRAY(6),
    /** Length-prefixed (uint16) UTF-8 string. */
    STRING(7),
    /** Milliseconds since the epoch, signed 64-bit big-endian. */
    TIMESTAMP(8),
    /** 16-byte UUID. */
    UUID(9);

    private static final HeaderType[] BY_CODE = values();

    private final int code;

    HeaderType(int code) {
        this.code = code;
    }

    /** @return the wire type byte */
    public int code() {
        return code;
    }

    /**
     * @param code a wire type byte
     * @return the type, or null when the byte names no type
     */
    static HeaderType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
