package io.quarkiverse.bedrock.api.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * An InvokeGuardrailChecks request: detect-only scores for content filter and prompt attack categories and sensitive
 * information, with no guardrail resource needed. Build it with {@link #builder()}.
 */
public final class GuardrailChecksRequest {

    /**
     * One message to score.
     *
     * @param role {@code user}, {@code assistant} or {@code system}
     * @param texts its text blocks
     */
    public record Message(String role, List<String> texts) {
        /** Copies the texts. */
        public Message {
            texts = List.copyOf(texts);
        }
    }

    private final List<Message> messages;
    private final List<String> contentFilters;
    private final List<String> promptAttacks;
    private final List<String> sensitiveInformation;
    private final BedrockOptions options;

    private GuardrailChecksRequest(Builder b) {
        this.messages = List.copyOf(b.messages);
        this.contentFilters = List.copyOf(b.contentFilters);
        this.promptAttacks = List.copyOf(b.promptAttacks);
        this.sensitiveInformation = List.copyOf(b.sensitiveInformation);
        this.options = b.options;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the messages */
    public List<Message> messages() {
        return messages;
    }

    /** @return content filter categories to score ({@code VIOLENCE}, {@code HATE}, ...), in the caller's order */
    public List<String> contentFilters() {
        return contentFilters;
    }

    /** @return prompt attack categories to score ({@code JAILBREAK}, ...), in the caller's order */
    public List<String> promptAttacks() {
        return promptAttacks;
    }

    /** @return sensitive information entity types to find ({@code EMAIL}, ...), in the caller's order */
    public List<String> sensitiveInformation() {
        return sensitiveInformation;
    }

    /** @return per-request region and credentials */
    public BedrockOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "GuardrailChecksRequest[" + messages.size() + " messages, contentFilters=" + contentFilters
                + ", promptAttacks=" + promptAttacks + ", sensitiveInformation=" + sensitiveInformation + "]";
    }

    /** Builds a {@link GuardrailChecksRequest}. */
    public static final class Builder {
        private final List<Message> messages = new ArrayList<>();
        private final Set<String> contentFilters = new LinkedHashSet<>();
        private final Set<String> promptAttacks = new LinkedHashSet<>();
        private final Set<String> sensitiveInformation = new LinkedHashSet<>();
        private BedrockOptions options = BedrockOptions.NONE;

        private Builder() {
        }

        /**
         * @param role {@code user}, {@code assistant} or {@code system}
         * @param texts the message's texts
         * @return this builder
         */
        public Builder message(String role, String... texts) {
            messages.add(new Message(role, List.of(texts)));
            return this;
        }

        /**
         * @param categories content filter categories: {@code VIOLENCE}, {@code HATE}, {@code SEXUAL},
         *        {@code MISCONDUCT}, {@code INSULTS}
         * @return this builder
         */
        public Builder contentFilter(String... categories) {
            contentFilters.addAll(List.of(categories));
            return this;
        }

        /**
         * @param categories prompt attack categories: {@code JAILBREAK}, {@code PROMPT_INJECTION},
         *        {@code PROMPT_LEAKAGE}
         * @return this builder
         */
        public Builder promptAttack(String... categories) {
            promptAttacks.addAll(List.of(categories));
            return this;
        }

        /**
         * @param entityTypes PII entity types, e.g. {@code EMAIL}, {@code PHONE}, {@code US_SOCIAL_SECURITY_NUMBER}
         * @return this builder
         */
        public Builder sensitiveInformation(String... entityTypes) {
            sensitiveInformation.addAll(List.of(entityTypes));
            return this;
        }

        /**
         * @param options per-request region and credentials
         * @return this builder
         */
        public Builder options(BedrockOptions options) {
            this.options = options == null ? BedrockOptions.NONE : options;
            return this;
        }

        /**
         * @return the request
         * @throws InvalidRequestException without messages, with a bad role or blank text, or without any check
         */
        public GuardrailChecksRequest build() {
            if (messages.isEmpty()) {
                throw new InvalidRequestException("InvokeGuardrailChecks needs at least one message");
            }
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                if (!Set.of("user", "assistant", "system").contains(m.role())) {
                    throw new InvalidRequestException("Message " + i + " has role '" + m.role()
                            + "'; use user, assistant or system");
                }
                if (m.texts().isEmpty() || m.texts().stream().anyMatch(t -> t == null || t.isBlank())) {
                    throw new InvalidRequestException("Message " + i + " has no text or a blank text");
                }
            }
            if (contentFilters.isEmpty() && promptAttacks.isEmpty() && sensitiveInformation.isEmpty()) {
                throw new InvalidRequestException("InvokeGuardrailChecks needs at least one check: contentFilter,"
                        + " promptAttack or sensitiveInformation");
            }
            return new GuardrailChecksRequest(this);
        }
    }
}
