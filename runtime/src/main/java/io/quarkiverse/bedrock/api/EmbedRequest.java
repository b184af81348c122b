package io.quarkiverse.bedrock.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * An embeddings request for Cohere Embed (v3, v4) or Amazon Titan Text Embeddings v2. Build one with
 * {@link #builder()}; {@link Builder#build()} checks it before anything is sent. Any number of texts may be given: the
 * client splits them into as many calls as the model needs (Titan: one per text; Cohere: up to 96 per call), sent
 * concurrently.
 */
public final class EmbedRequest {

    private final ModelId modelId;
    private final List<String> texts;
    private final String inputType;
    private final List<String> embeddingTypes;
    private final Integer dimensions;
    private final Boolean normalize;
    private final String truncate;
    private final BedrockOptions options;

    private EmbedRequest(Builder b) {
        this.modelId = ModelId.parse(b.model);
        this.texts = List.copyOf(b.texts);
        this.inputType = b.inputType;
        this.embeddingTypes = List.copyOf(b.embeddingTypes);
        this.dimensions = b.dimensions;
        this.normalize = b.normalize;
        this.truncate = b.truncate;
        this.options = b.options;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the model id */
    public ModelId modelId() {
        return modelId;
    }

    /** @return the texts to embed, in order */
    public List<String> texts() {
        return texts;
    }

    /** @return Cohere's {@code input_type} ({@code search_document} when not set) */
    public Optional<String> inputType() {
        return Optional.ofNullable(inputType);
    }

    /**
     * @return Cohere's {@code embedding_types} ({@code float}, {@code int8}, {@code uint8}, {@code binary}, {@code ubinary})
     */
    public List<String> embeddingTypes() {
        return embeddingTypes;
    }

    /** @return the vector size: Titan {@code dimensions} (256, 512, 1024), Cohere v4 {@code output_dimension} */
    public Optional<Integer> dimensions() {
        return Optional.ofNullable(dimensions);
    }

    /** @return Titan's {@code normalize} */
    public Optional<Boolean> normalize() {
        return Optional.ofNullable(normalize);
    }

    /** @return Cohere's {@code truncate} ({@code NONE}, {@code START}, {@code END}) */
    public Optional<String> truncate() {
        return Optional.ofNullable(truncate);
    }

    /** @return the provider options (region, credentials) */
    public BedrockOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "EmbedRequest[model=" + modelId + ", texts=" + texts.size() + ", inputType=" + inputType + ", options="
                + options + "]";
    }

    /** Builds an {@link EmbedRequest}. */
    public static final class Builder {
        private String model;
        private final List<String> texts = new ArrayList<>();
        private String inputType;
        private final List<String> embeddingTypes = new ArrayList<>();
        private Integer dimensions;
        private Boolean normalize;
        private String truncate;
        private BedrockOptions options = BedrockOptions.NONE;

        private Builder() {
        }

        /** @param modelSpec the model id, e.g. {@code cohere.embed-english-v3} @return this builder */
        public Builder model(String modelSpec) {
            this.model = modelSpec;
            return this;
        }

        /** @param text a text to embed, added after those before @return this builder */
        public Builder text(String text) {
            this.texts.add(Objects.requireNonNull(text, "text must not be null"));
            return this;
        }

        /** @param texts texts to embed @return this builder */
        public Builder texts(List<String> texts) {
            texts.forEach(this::text);
            return this;
        }

        /** @param inputType Cohere {@code input_type}, e.g. {@code search_query} @return this builder */
        public Builder inputType(String inputType) {
            this.inputType = inputType;
            return this;
        }

        /** @param types Cohere {@code embedding_types} @return this builder */
        public Builder embeddingTypes(List<String> types) {
            this.embeddingTypes.addAll(types);
            return this;
        }

        /** @param dimensions the vector size @return this builder */
        public Builder dimensions(Integer dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        /** @param normalize Titan {@code normalize} @return this builder */
        public Builder normalize(Boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** @param truncate Cohere {@code truncate} @return this builder */
        public Builder truncate(String truncate) {
            this.truncate = truncate;
            return this;
        }

        /** @param options provider options @return this builder */
        public Builder options(BedrockOptions options) {
            this.options = options == null ? BedrockOptions.NONE : options;
            return this;
        }

        /**
         * @return the request
         * @throws InvalidRequestException when there is no text, a text is blank, or the dimensions are not positive
         */
        public EmbedRequest build() {
            if (texts.isEmpty()) {
                throw new InvalidRequestException("An embeddings request needs at least one text: add one with text(\"...\")");
            }
            for (int i = 0; i < texts.size(); i++) {
                if (texts.get(i).isBlank()) {
                    throw new InvalidRequestException("Text " + i + " of the embeddings request is blank: Bedrock"
                            + " rejects empty input, remove it");
                }
            }
            if (dimensions != null && dimensions < 1) {
                throw new InvalidRequestException("dimensions must be positive, was " + dimensions);
            }
            return new EmbedRequest(this);
        }
    }
}
