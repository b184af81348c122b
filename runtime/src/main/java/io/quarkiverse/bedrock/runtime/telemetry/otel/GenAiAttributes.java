package io.quarkiverse.bedrock.runtime.telemetry.otel;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys of the OpenTelemetry GenAI semantic conventions the spans carry, and our own ones (prefixed
 * {@code bedrock.client.}, outside the conventions' namespaces).
 */
final class GenAiAttributes {

    static final String PROVIDER = "aws.bedrock";

    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES = AttributeKey
            .stringArrayKey("gen_ai.request.stop_sequences");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = AttributeKey
            .stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK = AttributeKey
            .doubleKey("gen_ai.response.time_to_first_chunk");
    static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS = AttributeKey
            .longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS = AttributeKey
            .longKey("gen_ai.usage.cache_creation.input_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> GUARDRAIL_ID = AttributeKey.stringKey("aws.bedrock.guardrail.id");
    static final AttributeKey<String> SYSTEM_INSTRUCTIONS = AttributeKey.stringKey("gen_ai.system_instructions");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

    /** The Bedrock API that served the request: converse, converse-stream, invoke, ... */
    static final AttributeKey<String> BEDROCK_API = AttributeKey.stringKey("bedrock.client.api");
    /** The name of the client, {@code <default>} for the default one. */
    static final AttributeKey<String> CLIENT_NAME = AttributeKey.stringKey("bedrock.client.name");
    /** The result of a count_tokens operation (not usage: counting consumes no tokens). */
    static final AttributeKey<Long> COUNTED_TOKENS = AttributeKey.longKey("bedrock.client.counted_tokens");
    /** The retry's attempt number, on a retry event. */
    static final AttributeKey<Long> RETRY_ATTEMPT = AttributeKey.longKey("bedrock.client.retry.attempt");
    /** The wait before the retry is sent, in seconds, on a retry event. */
    static final AttributeKey<Double> RETRY_BACKOFF = AttributeKey.doubleKey("bedrock.client.retry.backoff");
    /** Which fallback was used, on a fallback event: {@code streaming-tools}, {@code adaptive-limiter-wait}. */
    static final AttributeKey<String> FALLBACK_KIND = AttributeKey.stringKey("bedrock.client.fallback.kind");

    /** The span event of a retry about to be sent. */
    static final String RETRY_EVENT = "gen_ai.client.retry";
    /** The span event of a fallback used. */
    static final String FALLBACK_EVENT = "bedrock.client.fallback";

    private GenAiAttributes() {
    }
}
