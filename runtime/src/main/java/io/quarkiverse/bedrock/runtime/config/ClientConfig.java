package io.quarkiverse.bedrock.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * The settings of one Bedrock client. A setting a named client leaves unset takes the default client's value (see
 * {@link NamedClientFallback}); adding a setting is one method here, plus its use.
 */
@ConfigGroup
public interface ClientConfig {

    /**
     * AWS region of the Bedrock Runtime endpoint, e.g. `eu-west-3`.
     * A request's `region` option and a key store region win over it.
     * When unset: the `aws.region` system property, `AWS_REGION`, `AWS_DEFAULT_REGION`, the AWS profile's `region`,
     * then `us-east-1`.
     */
    Optional<String> region();

    /**
     * Endpoint to send requests to instead of `https://bedrock-runtime.<region>.amazonaws.com`, e.g. a local
     * emulator or a VPC endpoint. Requests are still signed for the configured region.
     */
    Optional<URI> endpointOverride();

    /**
     * How long to wait for the complete answer of a non-streaming call.
     */
    @WithDefault("5M")
    Duration timeout();

    /**
     * How long a streamed answer may stay silent (no bytes from Bedrock while the subscriber waits for more) before it
     * fails with a `StreamInterruptedException`. Protects against streams that never send their stop event. Time a
     * subscriber spends without requesting does not count: that is backpressure.
     */
    @WithDefault("60S")
    Duration streamIdleTimeout();

    /**
     * Base model id prefixes of the models that reject tool use in streaming mode. A streamed request with tools for
     * these models is served by non-streaming Converse and replayed as chunks (its metadata chunk says `converse`).
     * Unset: the models whose entry in the model catalogue says they do not stream tool use. Other models fall back the
     * same way when Bedrock answers that they do not support tool use in streaming mode.
     */
    Optional<List<String>> streamingToolsFallback();

    /**
     * Connection timeout to the Bedrock endpoint.
     */
    @WithDefault("10S")
    Duration connectTimeout();

    /**
     * How long a request may wait for a connection: a pooled one to come free, or a new one to be opened (connect
     * included). Fails with a `BedrockTimeoutException` naming this property.
     */
    @WithDefault("10S")
    Duration connectionAcquireTimeout();

    /**
     * How long a streamed request may wait for its response headers after it was sent. A server that accepts the
     * request and never answers fails the stream with a `BedrockTimeoutException` (retried like other transient
     * failures). Non-streaming calls get their headers with the whole answer: `timeout` bounds them.
     */
    @WithDefault("60S")
    Duration responseHeadersTimeout();

    /**
     * The longest a streamed answer may take from subscription to its end, retries included. Long generations are
     * legitimate, hence the large default; a stream that trickles a byte now and then is stopped by it.
     */
    @WithDefault("15M")
    Duration streamTimeout();

    /**
     * The largest non-streaming answer (`chat`, `invoke`, `countTokens`, `embed`) that is read. A larger one fails with a
     * `BedrockServiceException` of type `ResponseTooLarge` naming this property: without reading it when its
     * `Content-Length` says so, as soon as it goes past the limit when it is sent without one. Streams are read chunk by
     * chunk and are not limited by it.
     */
    @WithDefault("16M")
    MemorySize maxResponseSize();

    /**
     * Client-side budgets per model id (as written in requests, without `bedrock:`, e.g.
     * `quarkus.aws-bedrock.budgets."anthropic.claude-3-haiku-20240307-v1:0".requests-per-minute=60`). Models without
     * one are not limited. A named client has only its own.
     */
    @ConfigDocMapKey("model-id")
    Map<String, BudgetConfig> budgets();

    /**
     * Retries of failed requests.
     */
    @ConfigDocSection
    RetryConfig retry();

    /**
     * Whether calls to models (streamed or not) use HTTP/2, as the AWS SDK does for Bedrock Runtime: the streams a client
     * opens share a few connections (`http2-max-connections`) instead of one connection each. Unset, HTTP/2 is used over
     * `https` (negotiated with ALPN, falling
     * back to HTTP/1.1) and HTTP/1.1 over a plain `http` `endpoint-override` (a proxy or mock may not speak HTTP/2).
     * `true` also uses HTTP/2 over plain `http`, with prior knowledge (h2c: the emulator speaks it); `false` always
     * uses HTTP/1.1.
     */
    Optional<Boolean> http2();

    /**
     * How many HTTP/2 connections the streams of this client are spread over (per Vert.x event loop that starts
     * streams; callers on no event loop share one). A connection carries at most 25 streams at once (fewer if the
     * server says so), so 16 connections carry 400; a stream that finds every connection full waits for one, up to
     * `connection-acquire-timeout`. A connection that has sent or received 32 stream resets (cancelled streams draw
     * them) is replaced by a fresh one, so that a guard against the HTTP/2 "rapid reset" attack never closes it with
     * healthy streams on it.
     */
    @WithDefault("16")
    int http2MaxConnections();

    /**
     * Text appended to the `User-Agent` header of every request of this client, e.g. `my-service/1.4`, so that
     * CloudTrail and model invocation logs tell your services apart.
     */
    Optional<String> userAgentSuffix();

    /**
     * Credentials used to sign requests.
     */
    @ConfigDocSection
    CredentialsConfig credentials();
}
