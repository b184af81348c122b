package io.quarkiverse.bedrock.api.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * An ApplyGuardrail request: checks text and images against a guardrail without calling a model.
 * <p>
 * Build it with {@link #builder(String, String)}.
 */
public final class ApplyGuardrailRequest {

    /** An image format a guardrail accepts. */
    public enum ImageFormat {
        /** PNG. */
        PNG,
        /** JPEG. */
        JPEG;

        /** @return the value Bedrock expects */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the outputs of the answer hold. */
    public enum OutputScope {
        /** Only the outputs of interventions (Bedrock's default). */
        INTERVENTIONS,
        /** Every content block, changed or not. */
        FULL
    }

    /**
     * One piece of content.
     *
     * @param text the text, or null for an image
     * @param qualifiers the text's qualifiers ({@code grounding_source}, {@code query}, {@code guard_content}); may be
     *        empty
     * @param imageFormat the image's format, or null for text
     * @param image the image bytes, or null for text
     */
    public record Content(String text, List<String> qualifiers, ImageFormat imageFormat, byte[] image) {
        /** Copies the qualifiers. */
        public Content {
            qualifiers = qualifiers == null ? List.of() : List.copyOf(qualifiers);
        }
    }

    private final String guardrailIdentifier;
    private final String guardrailVersion;
    private final GuardrailSource source;
    private final List<Content> content;
    private final OutputScope outputScope;
    private final BedrockOptions options;

    private ApplyGuardrailRequest(Builder b) {
        this.guardrailIdentifier = b.guardrailIdentifier;
        this.guardrailVersion = b.guardrailVersion;
        this.source = b.source;
        this.content = List.copyOf(b.content);
        this.outputScope = b.outputScope;
        this.options = b.options;
    }

    /**
     * @param guardrailIdentifier the guardrail's id or ARN
     * @param guardrailVersion its version: a number or {@code DRAFT}
     * @return a builder
     */
    public static Builder builder(String guardrailIdentifier, String guardrailVersion) {
        return new Builder(guardrailIdentifier, guardrailVersion);
    }

    /** @return the guardrail's id or ARN */
    public String guardrailIdentifier() {
        return guardrailIdentifier;
    }

    /** @return the guardrail's version */
    public String guardrailVersion() {
        return guardrailVersion;
    }

    /** @return whether the content is input or output */
    public GuardrailSource source() {
        return source;
    }

    /** @return the content, in order */
    public List<Content> content() {
        return content;
    }

    /** @return the output scope, or null for Bedrock's default */
    public OutputScope outputScope() {
        return outputScope;
    }

    /** @return per-request region and credentials */
    public BedrockOptions options() {
        return options;
    }

    /** Builds an {@link ApplyGuardrailRequest}. */
    public static final class Builder {
        private final String guardrailIdentifier;
        private final String guardrailVersion;
        private GuardrailSource source = GuardrailSource.INPUT;
        private final List<Content> content = new ArrayList<>();
        private OutputScope outputScope;
        private BedrockOptions options = BedrockOptions.NONE;

        private Builder(String guardrailIdentifier, String guardrailVersion) {
            this.guardrailIdentifier = guardrailIdentifier;
            this.guardrailVersion = guardrailVersion;
        }

        /**
         * @param source whether the content is a model's input (the default) or output
         * @return this builder
         */
        public Builder source(GuardrailSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * @param text text to check
         * @param qualifiers optional qualifiers: {@code grounding_source}, {@code query}, {@code guard_content}
         * @return this builder
         */
        public Builder text(String text, String... qualifiers) {
            content.add(new Content(text, List.of(qualifiers), null, null));
            return this;
        }

        /**
         * @param format the image's format
         * @param bytes the image
         * @return this builder
         */
        public Builder image(ImageFormat format, byte[] bytes) {
            content.add(new Content(null, List.of(), format, bytes));
            return this;
        }

        /**
         * @param scope what the outputs of the answer hold
         * @return this builder
         */
        public Builder outputScope(OutputScope scope) {
            this.outputScope = scope;
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
         * @throws InvalidRequestException when the guardrail is not named, the version is not a number or
         *         {@code DRAFT}, there is no content, a text is blank or an image is empty
         */
        public ApplyGuardrailRequest build() {
            if (guardrailIdentifier == null || guardrailIdentifier.isBlank()) {
                throw new InvalidRequestException("ApplyGuardrail needs a guardrail identifier (its id or ARN)");
            }
            if (guardrailVersion == null || !guardrailVersion.matches("DRAFT|[1-9][0-9]{0,7}")) {
                throw new InvalidRequestException("The guardrail version must be a number from 1 or DRAFT, not '"
                        + guardrailVersion + "'");
            }
            if (content.isEmpty()) {
                throw new InvalidRequestException("ApplyGuardrail needs at least one text or image");
            }
            for (int i = 0; i < content.size(); i++) {
                Content c = content.get(i);
                if (c.image() == null && (c.text() == null || c.text().isBlank())) {
                    throw new InvalidRequestException("Content " + i + " of the ApplyGuardrail request is blank text");
                }
                if (c.text() == null && (c.imageFormat() == null || c.image().length == 0)) {
                    throw new InvalidRequestException("Content " + i + " of the ApplyGuardrail request is an empty image"
                            + " or has no format");
                }
            }
            return new ApplyGuardrailRequest(this);
        }
    }
}
