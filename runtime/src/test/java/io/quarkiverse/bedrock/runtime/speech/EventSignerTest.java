package io.quarkiverse.bedrock.runtime.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.auth.AwsAuth;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.eventstream.HeaderType;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Our request and event signatures against the AWS SDK's event-stream signer ({@code AwsV4HttpSigner.signAsync} of an
 * {@code application/vnd.amazon.eventstream} request, which signs with {@code STREAMING-AWS4-HMAC-SHA256-EVENTS} and
 * wraps each event in a signed envelope) for the same credentials, events and signing times.
 */
class EventSignerTest {

    private static final URI URI_ = URI
            .create("http://127.0.0.1:8089/model/amazon.nova-sonic-v1%3A0/invoke-with-bidirectional-stream");

    /** A clock the test moves: both signers read the time of each event from it. */
    static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant start) {
            now = start;
        }

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

    @Test
    void everyEnvelopeEqualsTheSdksForBasicCredentials() throws Exception {
        compare(AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), 5);
    }

    @Test
    void everyEnvelopeEqualsTheSdksForSessionCredentialsAndAcrossMidnight() throws Exception {
        compare(AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", "secret/with+chars", "token=="), 40);
    }

    private void compare(AwsCredentialsIdentity identity, int events) throws Exception {
        // 23:59:50.123 and then 0.7 s per event: the signing key changes date during the stream
        Instant start = Instant.parse("2026-12-04T23:59:50.123Z");
        List<Buffer> eventBytes = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String json = "{\"bytes\":\"" + java.util.Base64.getEncoder()
                    .encodeToString(("{\"event\":{\"n\":" + i + "}}").getBytes(StandardCharsets.UTF_8)) + "\"}";
            eventBytes.add(EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk", json)));
            times.add(start.plusMillis(700L * (i + 1)));
        }
        Instant endTime = start.plusMillis(700L * (events + 1));

        SettableClock ours = new SettableClock(start);
        SpeechRequestSigner.Signed signed = new SpeechRequestSigner(ours)
                .sign(URI_, new AwsAuth.SigV4(identity, "test"), "us-east-1");
        ByteArrayOutputStream ourBody = new ByteArrayOutputStream();
        for (int i = 0; i < events; i++) {
            ours.now = times.get(i);
            ourBody.write(signed.events().sign(eventBytes.get(i)).getBytes());
        }
        ours.now = endTime;
        ourBody.write(signed.events().end().getBytes());

        SettableClock sdkClock = new SettableClock(start);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI_)
                .putHeader("Content-Type", SpeechRequestSigner.EVENT_STREAM).build();
        AsyncSignedRequest sdk = AwsV4HttpSigner.create().signAsync(r -> r.identity(identity).request(request)
                .payload(new TimedPublisher(eventBytes, times, endTime, sdkClock))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, sdkClock)).get(10, TimeUnit.SECONDS);

        assertThat(signed.headers().get("Authorization"))
                .isEqualTo(sdk.request().firstMatchingHeader("Authorization").orElseThrow());
        assertThat(signed.headers().get("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-EVENTS")
                .isEqualTo(sdk.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        byte[] sdkBody = collect(sdk.payload().orElseThrow());

        List<EventStreamMessage> ourFrames = new EventStreamDecoder().feed(ourBody.toByteArray());
        List<EventStreamMessage> sdkFrames = new EventStreamDecoder().feed(sdkBody);
        assertThat(ourFrames).hasSize(events + 1).hasSameSizeAs(sdkFrames);
        for (int i = 0; i < ourFrames.size(); i++) {
            EventStreamMessage o = ourFrames.get(i);
            EventStreamMessage s = sdkFrames.get(i);
            assertThat(o.headers().keySet()).containsExactly(":date", ":chunk-signature");
            assertThat(o.headers().get(":date").type()).isEqualTo(HeaderType.TIMESTAMP);
            assertThat(o.headers().get(":date").value()).isEqualTo(i < events ? times.get(i) : endTime);
            assertThat((byte[]) o.headers().get(":chunk-signature").value()).as("signature of envelope %d", i)
                    .isEqualTo((byte[]) s.headers().get(":chunk-signature").value());
            assertThat(o.payload().getBytes()).isEqualTo(s.payload().getBytes());
        }
        assertThat(ourFrames.get(events).payload().length()).isZero();
        assertThat(ourBody.toByteArray()).isEqualTo(sdkBody);
    }

    @Test
    void aChangedEventChangesItsSignatureAndEveryLaterOne() {
        AwsAuth auth = new AwsAuth.SigV4(AwsCredentialsIdentity.create("AKID", "secret"), "test");
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
        EventSigner a = new SpeechRequestSigner(clock).sign(URI_, auth, "us-east-1").events();
        EventSigner b = new SpeechRequestSigner(clock).sign(URI_, auth, "us-east-1").events();
        a.sign(Buffer.buffer("one"));
        b.sign(Buffer.buffer("One"));
        String afterA = a.lastSignature();
        assertThat(afterA).isNotEqualTo(b.lastSignature());
        a.sign(Buffer.buffer("two"));
        b.sign(Buffer.buffer("two"));
        assertThat(a.lastSignature()).isNotEqualTo(b.lastSignature()).isNotEqualTo(afterA);
    }

    @Test
    void bedrockApiKeysAreRefusedBeforeSending() {
        assertThatThrownBy(() -> new SpeechRequestSigner(Clock.systemUTC())
                .sign(URI_, new AwsAuth.Bearer("ABSKsecretvalue", "quarkus.aws-bedrock.api-key"), "us-east-1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("API keys are not accepted for speech sessions")
                .hasMessageContaining("quarkus.aws-bedrock.api-key")
                .hasMessageNotContaining("ABSKsecretvalue");
    }

    private static byte[] collect(Publisher<ByteBuffer> publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return out.toByteArray();
    }

    /** Emits the events one by one, setting the clock to each event's time first: the SDK signs them as they pass. */
    private record TimedPublisher(List<Buffer> events, List<Instant> times, Instant endTime, SettableClock clock)
            implements
                Publisher<ByteBuffer> {
        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Subscription() {
                int next;
                boolean done;

                @Override
                public void request(long n) {
                    for (long k = 0; k < n && next < events.size(); k++, next++) {
                        clock.now = times.get(next);
                        subscriber.onNext(ByteBuffer.wrap(events.get(next).getBytes()));
                    }
                    if (next == events.size() && !done) {
                        done = true;
                        clock.now = endTime;
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    next = events.size();
                }
            });
        }
    }
}
