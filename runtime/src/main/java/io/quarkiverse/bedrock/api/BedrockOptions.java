package io.quarkiverse.bedrock.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * Bedrock provider options of one request. Each one overrides the configuration for this request only.
 * <p>
 * The option names follow ReqLLM, an Elixir library for LLM APIs whose Bedrock provider this extension's behaviour was
 * first specified from, so that its names ({@code access_key_id}, {@code use_converse}, ...) mean the same here; see
 * {@link #fromMap}.
 * <p>
 * Secrets (secret access key, session token, API key) are never printed by {@link #toString()}.
 */
public final class BedrockOptions {

    private static final Set<String> PROMPT_CACHE_TTLS = Set.of("5m", "1h");
    private static final Set<String> REASONING_EFFORTS = Set.of("low", "medium", "high");
    /** Values of the Converse {@code outputConfig.effort}, as the service model documents them. */
    private static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh", "max");
    /** Values of the Converse {@code performanceConfig.latency}. */
    private static final List<String> LATENCIES = List.of("standard", "optimized");
    /** Values of the Converse {@code serviceTier.type}. */
    private static final List<String> SERVICE_TIERS = List.of("priority", "default", "flex",
            "reserved");

    /** Options with nothing set. */
    public static final BedrockOptions NONE = builder().build();

    private final String region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String apiKey;
    private final Boolean useConverse;
    private final Map<String, Object> additionalModelRequestFields;
    private final Boolean anthropicPromptCache;
    private final String anthropicPromptCacheTtl;
    private final String family;
    private final Map<String, Object> guardrailConfig;
    private final String latency;
    private final String serviceTier;
    private final String reasoningEffort;
    private final Integer anthropicCacheMessage;
    private final Map<String, String> requestMetadata;
    private final JsonNode outputSchema;
    private final String effort;
    private final Map<String, String> promptVariables;

    private BedrockOptions(Builder b) {
        this.region = b.region;
        this.accessKeyId = b.accessKeyId;
        this.secretAccessKey = b.secretAccessKey;
        this.sessionToken = b.sessionToken;
        this.apiKey = b.apiKey;
        this.useConverse = b.useConverse;
        this.additionalModelRequestFields = Map.copyOf(b.additionalModelRequestFields);
        this.anthropicPromptCache = b.anthropicPromptCache;
        this.anthropicPromptCacheTtl = b.anthropicPromptCacheTtl;
        this.serviceTier = b.serviceTier;
        this.latency = b.latency;
        this.guardrailConfig = b.guardrailConfig == null ? Map.of() : Map.copyOf(b.guardrailConfig);
        this.family = b.family;
        this.reasoningEffort = b.reasoningEffort;
        this.anthropicCacheMessage = b.anthropicCacheMessage;
        this.requestMetadata = Map.copyOf(b.requestMetadata);
        this.outputSchema = b.outputSchema == null ? null : b.outputSchema.deepCopy();
        this.effort = b.effort;
        this.promptVariables = Map.copyOf(b.promptVariables);
    }

    /** @return a builder holding these options, to change some of them */
    public Builder toBuilder() {
        Builder b = builder().region(region).accessKeyId(accessKeyId).secretAccessKey(secretAccessKey)
                .sessionToken(sessionToken).apiKey(apiKey).useConverse(useConverse)
                .additionalModelRequestFields(additionalModelRequestFields).anthropicPromptCache(anthropicPromptCache)
                .anthropicPromptCacheTtl(anthropicPromptCacheTtl).family(family).latency(latency).serviceTier(serviceTier)
                .reasoningEffort(reasoningEffort).anthropicCacheMessage(anthropicCacheMessage)
                .requestMetadata(requestMetadata).outputSchema(outputSchema).effort(effort)
                .promptVariables(promptVariables);
        b.guardrailConfig = guardrailConfig.isEmpty() ? null : guardrailConfig;
        return b;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads options from a map keyed by ReqLLM's names, in snake_case ({@code access_key_id}) or camelCase
     * ({@code accessKeyId}).
     *
     * @param options the options; null means none
     * @return the options
     * @throws InvalidRequestException naming the key when a key is unknown or a value has the wrong type
     */
    public static BedrockOptions fromMap(Map<String, ?> options) {
        Builder b = builder();
        if (options == null) {
            return b.build();
        }
        for (Map.Entry<String, ?> e : options.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "region" -> b.region(string(e.getKey(), v));
                case "access_key_id", "accessKeyId" -> b.accessKeyId(string(e.getKey(), v));
                case "secret_access_key", "secretAccessKey" -> b.secretAccessKey(string(e.getKey(), v));
                case "session_token", "sessionToken" -> b.sessionToken(string(e.getKey(), v));
                case "api_key", "apiKey" -> b.apiKey(string(e.getKey(), v));
                case "use_converse", "useConverse" -> b.useConverse(bool(e.getKey(), v));
                case "additional_model_request_fields", "additionalModelRequestFields" ->
                    b.additionalModelRequestFields(map(e.getKey(), v));
                case "anthropic_prompt_cache", "anthropicPromptCache" -> b.anthropicPromptCache(bool(e.getKey(), v));
                case "anthropic_prompt_cache_ttl", "anthropicPromptCacheTtl" ->
                    b.anthropicPromptCacheTtl(string(e.getKey(), v));
                case "family" -> b.family(string(e.getKey(), v));
                case "guardrail_config", "guardrailConfig" -> b.guardrailConfig(map(e.getKey(), v));
                case "latency" -> b.latency(string(e.getKey(), v));
                case "service_tier", "serviceTier" -> b.serviceTier(string(e.getKey(), v));
                case "reasoning_effort", "reasoningEffort" -> b.reasoningEffort(string(e.getKey(), v));
                case "anthropic_cache_message", "anthropicCacheMessage" -> b.anthropicCacheMessage(integer(e.getKey(), v));
                case "request_metadata", "requestMetadata" -> b.requestMetadata(strings(e.getKey(), v));
                case "effort" -> b.effort(string(e.getKey(), v));
                case "prompt_variables", "promptVariables" -> b.promptVariables(strings(e.getKey(), v));
                default -> throw new InvalidRequestException("Unknown Bedrock option '" + e.getKey()
                        + "': use region, access_key_id, secret_access_key, session_token, api_key, use_converse,"
                        + " additional_model_request_fields, anthropic_prompt_cache, anthropic_prompt_cache_ttl,"
                        + " anthropic_cache_message, reasoning_effort, family, guardrail_config, latency, service_tier,"
                        + " request_metadata, effort or prompt_variables");
            }
        }
        return b.build();
    }

    private static String string(String key, Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new InvalidRequestException("Bedrock option '" + key + "' must be a string");
    }

    private static Integer integer(String key, Object v) {
        if (v == null || v instanceof Integer) {
            return (Integer) v;
        }
        throw new InvalidRequestException("Bedrock option '" + key + "' must be an integer");
    }

    private static Boolean bool(String key, Object v) {
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new InvalidRequestException("Bedrock option '" + key + "' must be true or false");
    }

    private static Map<String, String> strings(String key, Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        map(key, v).forEach((k, value) -> {
            if (!(value instanceof String text)) {
                throw new InvalidRequestException("Bedrock option '" + key + "' must map names to strings, '" + k
                        + "' is not a string");
            }
            out.put(k, text);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String key, Object v) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new InvalidRequestException("Bedrock option '" + key + "' must be a JSON object");
    }

    /** @return the AWS region of this request, overriding the configuration */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** @return the access key id of this request */
    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    /** @return the secret access key of this request */
    public Optional<String> secretAccessKey() {
        return Optional.ofNullable(secretAccessKey);
    }

    /** @return the STS session token of this request */
    public Optional<String> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    /** @return the Bedrock API key of this request, sent as {@code Authorization: Bearer} */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** @return true to force the Converse API, false to force the family's native API, empty to choose automatically */
    public Optional<Boolean> useConverse() {
        return Optional.ofNullable(useConverse);
    }

    /** @return model-specific fields added to the request ({@code additionalModelRequestFields} in Converse) */
    public Map<String, Object> additionalModelRequestFields() {
        return additionalModelRequestFields;
    }

    /** @return whether Anthropic prompt caching is asked for */
    public Optional<Boolean> anthropicPromptCache() {
        return Optional.ofNullable(anthropicPromptCache);
    }

    /** @return the Anthropic prompt cache TTL ({@code 5m} or {@code 1h}) */
    public Optional<String> anthropicPromptCacheTtl() {
        return Optional.ofNullable(anthropicPromptCacheTtl);
    }

    /**
     * @return the message that gets the Anthropic prompt cache checkpoint when caching is on: 0 is the first message,
     *         -1 (the default) the last, -2 the one before it
     */
    public int anthropicCacheMessage() {
        return anthropicCacheMessage == null ? -1 : anthropicCacheMessage;
    }

    /**
     * @return the extended-thinking effort for Claude ({@code low}, {@code medium} or {@code high}), mapped to a
     *         thinking token budget
     */
    public Optional<String> reasoningEffort() {
        return Optional.ofNullable(reasoningEffort);
    }

    /** @return the model family to use when the model id is an ARN that hides it (e.g. {@code anthropic}) */
    public Optional<String> family() {
        return Optional.ofNullable(family);
    }

    /** @return a Converse {@code guardrailConfig} (guardrailIdentifier, guardrailVersion, trace), passed through */
    public Map<String, Object> guardrailConfig() {
        return guardrailConfig;
    }

    /** @return the performance configuration: {@code optimized} for latency-optimised inference, or {@code standard} */
    public Optional<String> latency() {
        return Optional.ofNullable(latency);
    }

    /** @return the service tier: {@code priority}, {@code default}, {@code flex} or {@code reserved} */
    public Optional<String> serviceTier() {
        return Optional.ofNullable(serviceTier);
    }

    /**
     * @return the Converse {@code requestMetadata}: names and values Bedrock writes into its model invocation logs, to
     *         filter them; empty when none (the InvokeModel API has no such field)
     */
    public Map<String, String> requestMetadata() {
        return requestMetadata;
    }

    /**
     * @return the JSON Schema the answer text must follow (Converse {@code outputConfig.textFormat}), or empty;
     *         {@code generateObject} and {@code streamObject} set it themselves for models that support it
     */
    public Optional<JsonNode> outputSchema() {
        return Optional.ofNullable(outputSchema).map(JsonNode::deepCopy);
    }

    /**
     * @return how much effort the model spends (Converse {@code outputConfig.effort}): {@code low}, {@code medium},
     *         {@code high}, {@code xhigh} or {@code max}; empty to leave it to the model
     */
    public Optional<String> effort() {
        return Optional.ofNullable(effort);
    }

    /**
     * @return the values of the variables of a Prompt management prompt (Converse {@code promptVariables}), used when
     *         the model id is a prompt ARN; empty when none
     */
    public Map<String, String> promptVariables() {
        return promptVariables;
    }

    @Override
    public String toString() {
        return "BedrockOptions[region=" + region + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=" + mask(secretAccessKey) + ", sessionToken=" + mask(sessionToken)
                + ", apiKey=" + mask(apiKey) + ", useConverse=" + useConverse
                + ", additionalModelRequestFields=" + additionalModelRequestFields.keySet()
                + ", anthropicPromptCache=" + anthropicPromptCache + ", anthropicPromptCacheTtl=" + anthropicPromptCacheTtl
                + ", reasoningEffort=" + reasoningEffort + ", effort=" + effort + ", outputSchema="
                + (outputSchema != null) + ", promptVariables=" + promptVariables.keySet() + "]";
    }

    private static String mask(String secret) {
        return secret == null ? null : "****";
    }

    /** Builds {@link BedrockOptions}. */
    public static final class Builder {
        private String region;
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private String apiKey;
        private Boolean useConverse;
        private final Map<String, Object> additionalModelRequestFields = new LinkedHashMap<>();
        private Boolean anthropicPromptCache;
        private String anthropicPromptCacheTtl;
        private String family;
        private Map<String, Object> guardrailConfig;
        private String latency;
        private String serviceTier;
        private String reasoningEffort;
        private Integer anthropicCacheMessage;
        private final Map<String, String> requestMetadata = new LinkedHashMap<>();
        private JsonNode outputSchema;
        private String effort;
        private final Map<String, String> promptVariables = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Asks for an answer whose text is JSON following the schema (Converse {@code outputConfig.textFormat}). Only
         * some models take it (see the structured output page); prefer {@code generateObject}, which uses it where it
         * can and validates the answer.
         *
         * @param schema a JSON Schema object, or null for none
         * @return this builder
         */
        public Builder outputSchema(JsonNode schema) {
            this.outputSchema = schema;
            return this;
        }

        /**
         * @param effort the model's effort (Converse {@code outputConfig.effort}): {@code low}, {@code medium},
         *        {@code high}, {@code xhigh} or {@code max}; null to leave it to the model @return this builder
         */
        public Builder effort(String effort) {
            this.effort = effort;
            return this;
        }

        /**
         * @param variables values of the variables of a Prompt management prompt (the model id is then the prompt's
         *        ARN), merged into what was set before @return this builder
         */
        public Builder promptVariables(Map<String, String> variables) {
            this.promptVariables.putAll(Objects.requireNonNull(variables, "variables"));
            return this;
        }

        /**
         * @param name a variable of the Prompt management prompt named by the model id
         * @param value its value
         * @return this builder
         */
        public Builder promptVariable(String name, String value) {
            this.promptVariables.put(name, value);
            return this;
        }

        /**
         * @param metadata Converse {@code requestMetadata} entries (at most 16; names of 1 to 256 characters, values of
         *        at most 256), merged into what was set before @return this builder
         */
        public Builder requestMetadata(Map<String, String> metadata) {
            this.requestMetadata.putAll(Objects.requireNonNull(metadata, "metadata"));
            return this;
        }

        /**
         * @param effort extended-thinking effort for Claude: {@code low}, {@code medium} or {@code high} @return this
         *        builder
         */
        public Builder reasoningEffort(String effort) {
            this.reasoningEffort = effort;
            return this;
        }

        /**
         * @param index the message that gets the prompt cache checkpoint: 0 = first, -1 = last (default), -2 = the one
         *        before @return this builder
         */
        public Builder anthropicCacheMessage(Integer index) {
            this.anthropicCacheMessage = index;
            return this;
        }

        /** @param region AWS region, e.g. {@code eu-west-3} @return this builder */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** @param accessKeyId AWS access key id @return this builder */
        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        /** @param secretAccessKey AWS secret access key @return this builder */
        public Builder secretAccessKey(String secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        /** @param sessionToken STS session token of temporary credentials @return this builder */
        public Builder sessionToken(String sessionToken) {
            this.sessionToken = sessionToken;
            return this;
        }

        /** @param apiKey Bedrock API key @return this builder */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** @param useConverse force (true) or forbid (false) the Converse API @return this builder */
        public Builder useConverse(Boolean useConverse) {
            this.useConverse = useConverse;
            return this;
        }

        /** @param fields model-specific request fields, merged into what was set before @return this builder */
        public Builder additionalModelRequestFields(Map<String, Object> fields) {
            this.additionalModelRequestFields.putAll(Objects.requireNonNull(fields, "fields"));
            return this;
        }

        /** @param enabled whether to use Anthropic prompt caching @return this builder */
        public Builder anthropicPromptCache(Boolean enabled) {
            this.anthropicPromptCache = enabled;
            return this;
        }

        /** @param ttl prompt cache TTL, {@code 5m} or {@code 1h} @return this builder */
        public Builder anthropicPromptCacheTtl(String ttl) {
            this.anthropicPromptCacheTtl = ttl;
            return this;
        }

        /**
         * @param family the model family to use when the model id is an ARN that hides it (e.g. {@code anthropic}) @return this
         *        builder
         */
        public Builder family(String family) {
            this.family = family;
            return this;
        }

        /**
         * @param guardrail the guardrail to apply to chat requests (Converse and ConverseStream)
         * @return this builder
         */
        public Builder guardrail(io.quarkiverse.bedrock.api.guardrail.GuardrailConfig guardrail) {
            return guardrailConfig(guardrail == null ? null : guardrail.toMap());
        }

        /**
         * @param guardrailConfig a Converse {@code guardrailConfig} as a map; prefer {@link #guardrail}
         * @return this builder
         */
        public Builder guardrailConfig(Map<String, Object> guardrailConfig) {
            this.guardrailConfig = guardrailConfig;
            return this;
        }

        /**
         * @param latency the performance configuration: {@code optimized} for latency-optimised inference, or
         *        {@code standard} @return this builder
         */
        public Builder latency(String latency) {
            this.latency = latency;
            return this;
        }

        /**
         * Adds a {@code requestMetadata} pair (Converse only): Bedrock writes it to the model invocation logs.
         *
         * @param key 1 to 256 characters: letters, digits, white space and {@code :_@$#=/+,-.}
         * @param value 0 to 256 characters of the same set
         * @return this builder
         */
        public Builder requestMetadata(String key, String value) {
            requestMetadata.put(key, value);
            return this;
        }

        /** @param serviceTier the service tier: {@code priority}, {@code default} or {@code flex} @return this builder */
        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        /**
         * @return the options
         * @throws InvalidRequestException when the prompt cache TTL, the reasoning effort, {@code latency} or
         *         {@code serviceTier} is not a known value
         */
        public BedrockOptions build() {
            if (anthropicPromptCacheTtl != null && !PROMPT_CACHE_TTLS.contains(anthropicPromptCacheTtl)) {
                throw new InvalidRequestException("anthropic_prompt_cache_ttl must be \"5m\" or \"1h\", was \""
                        + anthropicPromptCacheTtl + "\"");
            }
            if (reasoningEffort != null && !REASONING_EFFORTS.contains(reasoningEffort)) {
                throw new InvalidRequestException("reasoning_effort must be low, medium or high, was \"" + reasoningEffort
                        + "\"");
            }
            if (latency != null && !LATENCIES.contains(latency)) {
                throw new InvalidRequestException("Bedrock option 'latency' is '" + latency + "': use one of " + LATENCIES);
            }
            if (serviceTier != null && !SERVICE_TIERS.contains(serviceTier)) {
                throw new InvalidRequestException(
                        "Bedrock option 'service_tier' is '" + serviceTier + "': use one of " + SERVICE_TIERS);
            }
            if (effort != null && !EFFORTS.contains(effort)) {
                throw new InvalidRequestException("Bedrock option 'effort' is '" + effort + "': use one of " + EFFORTS);
            }
            if (outputSchema != null && !outputSchema.isObject()) {
                throw new InvalidRequestException("Bedrock option 'outputSchema' must be a JSON Schema object, was "
                        + outputSchema.getNodeType());
            }
            promptVariables.forEach((name, value) -> {
                if (name == null || name.isBlank() || value == null) {
                    throw new InvalidRequestException("prompt_variables needs a name and a value for each variable;"
                            + " variable '" + name + "' has " + (value == null ? "no value" : "no name"));
                }
            });
            checkRequestMetadata(requestMetadata);
            return new BedrockOptions(this);
        }
    }

    private static final java.util.regex.Pattern METADATA = java.util.regex.Pattern.compile("[a-zA-Z0-9\\s:_@$#=/+,\\-.]*");
    private static final int METADATA_PAIRS = 16;
    private static final int METADATA_LENGTH = 256;

    /** Bedrock's limits of {@code requestMetadata}, checked before sending; values are not echoed (they are sensitive). */
    private static void checkRequestMetadata(Map<String, String> metadata) {
        if (metadata.size() > METADATA_PAIRS) {
            throw new InvalidRequestException("request_metadata has " + metadata.size() + " pairs; Bedrock accepts at most "
                    + METADATA_PAIRS);
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || key.isEmpty() || key.length() > METADATA_LENGTH || !METADATA.matcher(key).matches()) {
                throw new InvalidRequestException("request_metadata key '" + key + "' must be 1 to " + METADATA_LENGTH
                        + " letters, digits, white space or :_@$#=/+,-. characters");
            }
            if (value == null || value.length() > METADATA_LENGTH || !METADATA.matcher(value).matches()) {
                throw new InvalidRequestException("The request_metadata value of key '" + key + "' must be 0 to "
                        + METADATA_LENGTH + " letters, digits, white space or :_@$#=/+,-. characters");
            }
        }
    }
}
