package io.quarkiverse.bedrock.runtime.speech;

import static io.quarkiverse.bedrock.runtime.auth.SigV4Keys.hmac;
import static io.quarkiverse.bedrock.runtime.auth.SigV4Keys.sha256;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.bedrock.runtime.auth.SigV4Keys;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.eventstream.HeaderType;
import io.quarkiverse.bedrock.runtime.eventstream.HeaderValue;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs the events of one event-stream request body, the SigV4 event-stream scheme: each event (an encoded message) is
 * wrapped in an envelope message whose {@code :date} header holds the signing time and whose {@code :chunk-signature}
 * header holds an HMAC over that time, the scope, the previous signature (the request's own signature for the first
 * event), the hash of the encoded {@code :date} header and the hash of the event. The body ends with an envelope around
 * an empty payload.
 * <p>
 * Not thread-safe: the signatures chain, so events must be signed in the order they are written. Nothing is logged.
 */
public final class EventSigner {

    /** The payload hash of a request whose body is a stream of signed events. */
    public static final String STREAMING_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

    static final String DATE = ":date";
    static final String CHUNK_SIGNATURE = ":chunk-signature";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AwsCredentialsIdentity credentials;
    private final String region;
    private final String service;
    private final Clock clock;
    private String priorSignature;
    private String keyDate;
    private byte[] key;

    /**
     * @param credentials the credentials the request was signed with
     * @param region the signing region
     * @param service the signing name
     * @param seedSignature the hex signature of the request's {@code Authorization} header
     * @param clock the signing clock
     */
    public EventSigner(AwsCredentialsIdentity credentials, String region, String service, String seedSignature,
            Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.priorSignature = seedSignature;
        this.clock = clock;
    }

    /**
     * @param event the encoded event message
     * @return the encoded envelope message to write
     */
    public Buffer sign(Buffer event) {
        Instant now = clock.instant();
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        Map<String, HeaderValue> dateHeader = Map.of(DATE, new HeaderValue(HeaderType.TIMESTAMP, now));
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + date + "/" + region + "/" + service
                + "/aws4_request\n" + priorSignature + "\n" + HexFormat.of().formatHex(sha256(encodedHeaders(dateHeader)))
                + "\n"
                + HexFormat.of().formatHex(sha256(event.getBytes()));
        byte[] signature = hmac(signingKey(date), stringToSign);
        priorSignature = HexFormat.of().formatHex(signature);
        Map<String, HeaderValue> headers = new LinkedHashMap<>(dateHeader);
        headers.put(CHUNK_SIGNATURE, new HeaderValue(HeaderType.BYTE_ARRAY, signature));
        return EventStreamEncoder.encode(new EventStreamMessage(headers, event));
    }

    /** @return the closing envelope, around an empty payload */
    public Buffer end() {
        return sign(Buffer.buffer());
    }

    /** @return the hex signature of the last envelope (the seed before the first) */
    public String lastSignature() {
        return priorSignature;
    }

    private byte[] signingKey(String date) {
        if (!date.equals(keyDate)) {
            key = SigV4Keys.signingKey(credentials.secretAccessKey(), date, region, service);
            keyDate = date;
        }
        return key;
    }

    /** @return the wire bytes of the headers alone: the headers section of a message with an empty payload */
    static byte[] encodedHeaders(Map<String, HeaderValue> headers) {
        Buffer frame = EventStreamEncoder.encode(new EventStreamMessage(headers, Buffer.buffer()));
        int headersLength = frame.getInt(4);
        return frame.getBytes(12, 12 + headersLength);
    }

}
