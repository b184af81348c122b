package io.quarkiverse.bedrock.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.eventstream.HeaderValue;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Verifies a bidirectional stream as Bedrock does, with the AWS SDK's signer as the reference: the request is signed
 * for {@code STREAMING-AWS4-HMAC-SHA256-EVENTS}, and every envelope's {@code :chunk-signature} must equal the one the
 * SDK's event-stream signer computes for the same payload and {@code :date}, chained from the request's signature.
 * <p>
 * The SDK signs a publisher's items as they pass; this class feeds it each received payload after setting its clock to
 * the envelope's {@code :date}, and compares what comes out. One instance per stream; not thread-safe.
 */
final class SpeechSignatureVerifier {

    static final String STREAMING = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-fA-F]+)\\s*");

    /** A clock whose time is the {@code :date} of the envelope being checked. */
    private static final class FrameClock extends Clock {
        volatile Instant now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FrameClock clock = new FrameClock();
    private final Deque<byte[]> signedBySdk = new ArrayDeque<>();
    private Subscriber<? super ByteBuffer> feed;
    private int envelopes;

    /**
     * Checks the request head and starts the SDK's signer for its events.
     *
     * @param rawPathAndQuery the request target as on the wire
     * @param header case-insensitive header lookup
     * @return the error to answer with, or empty
     */
    Optional<AwsError> verifyRequest(String rawPathAndQuery, Function<String, String> header) {
        String authorization = header.apply("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(new AwsError(403, "AccessDeniedException",
                    "Bedrock API keys are not supported for InvokeModelWithBidirectionalStream: sign with SigV4"));
        }
        Matcher m = AUTH.matcher(authorization.trim());
        if (!m.matches()) {
            return Optional.of(new AwsError(400, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."));
        }
        String keyId = m.group(1);
        String region = m.group(3);
        List<String> signed = List.of(m.group(5).toLowerCase(Locale.ROOT).split(";"));
        String signature = m.group(6).toLowerCase(Locale.ROOT);
        String secret = EmulatorCredentials.secretFor(keyId);
        if (secret == null) {
            return Optional.of(new AwsError(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        if (!STREAMING.equals(header.apply("x-amz-content-sha256"))) {
            return Optional.of(AwsError.invalidSignature("A bidirectional stream must be signed with x-amz-content-sha256: "
                    + STREAMING + ", not " + header.apply("x-amz-content-sha256")));
        }
        if (!signed.contains("content-type")
                || !"application/vnd.amazon.eventstream".equals(header.apply("Content-Type"))) {
            return Optional.of(AwsError.invalidSignature(
                    "A bidirectional stream must send and sign Content-Type: application/vnd.amazon.eventstream"));
        }
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(String.valueOf(header.apply("X-Amz-Date")), Instant::from);
        } catch (DateTimeParseException e) {
            return Optional.of(new AwsError(400, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + header.apply("Host") + rawPathAndQuery));
        String token = null;
        for (String name : signed) {
            String value = header.apply(name);
            if (value == null) {
                return Optional.of(AwsError.invalidSignature("The signed header " + name + " is missing"));
            }
            if (name.equals("x-amz-security-token")) {
                token = value;
            } else if (!name.equals("host") && !name.equals("x-amz-date")) {
                request.putHeader(name, value);
            }
        }
        AwsCredentialsIdentity identity = token != null ? AwsSessionCredentialsIdentity.create(keyId, secret, token)
                : AwsCredentialsIdentity.create(keyId, secret);
        clock.now = signedAt;
        Publisher<ByteBuffer> payloads = subscriber -> {
            feed = subscriber;
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
        };
        AsyncSignedRequest sdk;
        try {
            sdk = AwsV4HttpSigner.create().signAsync(r -> r.identity(identity).request(request.build()).payload(payloads)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SigV4Verifier.SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Optional.of(new AwsError(500, "InternalServerException", "Emulator failure: " + e));
        }
        String expected = sdk.request().firstMatchingHeader("Authorization").orElse("");
        if (!expected.toLowerCase(Locale.ROOT).endsWith("signature=" + signature)) {
            return Optional.of(AwsError.invalidSignature("The request signature we calculated does not match the"
                    + " signature you provided. Check your AWS Secret Access Key and signing method."));
        }
        sdk.payload().orElseThrow().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer frame) {
                byte[] bytes = new byte[frame.remaining()];
                frame.get(bytes);
                signedBySdk.add(bytes);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        return Optional.empty();
    }

    /**
     * @param envelope a received envelope
     * @return why it is refused, or empty: its payload is then the next event
     */
    Optional<String> verifyEnvelope(EventStreamMessage envelope) {
        envelopes++;
        HeaderValue date = envelope.headers().get(":date");
        HeaderValue signature = envelope.headers().get(":chunk-signature");
        if (date == null || signature == null || !(date.value() instanceof Instant)
                || !(signature.value() instanceof byte[])) {
            return Optional.of("Envelope " + envelopes + " has no :date timestamp and :chunk-signature bytes headers");
        }
        clock.now = (Instant) date.value();
        byte[] payload = envelope.payload().getBytes();
        if (payload.length == 0) {
            feed.onComplete(); // the SDK's signer appends its closing envelope
        } else {
            feed.onNext(ByteBuffer.wrap(payload));
        }
        byte[] reference = signedBySdk.poll();
        if (reference == null) {
            return Optional.of("The SDK's signer produced no envelope for envelope " + envelopes);
        }
        List<EventStreamMessage> decoded = new EventStreamDecoder().feed(reference);
        byte[] expected = (byte[]) decoded.get(0).headers().get(":chunk-signature").value();
        if (!MessageDigest.isEqual(expected, (byte[]) signature.value())) {
            return Optional.of("The signature of envelope " + envelopes
                    + " does not match: sign each event with the previous signature, its :date and its payload");
        }
        return Optional.empty();
    }
}
