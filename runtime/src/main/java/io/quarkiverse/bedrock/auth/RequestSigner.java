package io.quarkiverse.bedrock.auth;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** Computes the authentication headers of one Bedrock request. Thread-safe. */
public final class RequestSigner {

    /** The SigV4 signing name of Bedrock Runtime (the host says {@code bedrock-runtime}, the signature {@code bedrock}). */
    public static final String SIGNING_NAME = "bedrock";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Clock clock;

    /** @param clock the signing clock (tests pin it) */
    public RequestSigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param method HTTP method
     * @param uri the exact URI that goes on the wire (path already percent-encoded)
     * @param body the exact body bytes
     * @param auth the credentials
     * @param region the signing region
     * @return headers to add to the request ({@code Authorization}, and for SigV4 {@code X-Amz-Date},
     *         {@code x-amz-content-sha256}, and {@code X-Amz-Security-Token} with session credentials)
     */
    public Map<String, String> sign(String method, URI uri, byte[] body, AwsAuth auth, String region) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (auth instanceof AwsAuth.Bearer bearer) {
            headers.put("Authorization", "Bearer " + bearer.token());
            return headers;
        }
        AwsAuth.SigV4 sigV4 = (AwsAuth.SigV4) auth;
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(sigV4.identity())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }
}
