package io.quarkiverse.bedrock.testing;

import java.util.Locale;

import io.quarkiverse.bedrock.api.ModelId;

/** The model families the emulator knows, found from the model id. */
enum ModelFamily {

    /** Anthropic Claude: Messages API bodies. */
    ANTHROPIC(new AnthropicCodec()),
    /** OpenAI gpt-oss: chat completions bodies. */
    OPENAI(new OpenAiCodec()),
    /** Meta Llama: {@code prompt} in, {@code generation} out. */
    META(new LlamaCodec()),
    /** Cohere Command R chat and Cohere Embed. */
    COHERE(new CohereCodec()),
    /** Amazon Nova: messages-v1 bodies. */
    NOVA(new NovaCodec()),
    /** Amazon Nova multimodal embeddings. */
    NOVA_EMBEDDINGS(new NovaEmbeddingsCodec()),
    /** Amazon Titan embeddings. */
    TITAN(new TitanCodec()),
    /** Mistral: {@code prompt} or chat bodies. */
    MISTRAL(new MistralCodec()),
    /** Anything else: Converse works, InvokeModel is answered in the Anthropic format. */
    OTHER(new AnthropicCodec());

    private final NativeCodec codec;

    ModelFamily(NativeCodec codec) {
        this.codec = codec;
    }

    NativeCodec codec() {
        return codec;
    }

    /** @param modelId a model id, inference profile id or ARN @return the id without ARN or region prefix */
    static String stripPrefix(String modelId) {
        String id = modelId;
        int slash = id.lastIndexOf('/');
        if (id.startsWith("arn:") && slash >= 0) {
            id = id.substring(slash + 1);
        }
        for (String p : ModelId.INFERENCE_PROFILE_PREFIXES) {
            if (id.startsWith(p + ".")) {
                return id.substring(p.length() + 1);
            }
        }
        return id;
    }

    /** @param modelId the model id of a request @return its family */
    static ModelFamily of(String modelId) {
        String id = stripPrefix(modelId).toLowerCase(Locale.ROOT);
        if (id.startsWith("anthropic.")) {
            return ANTHROPIC;
        } else if (id.startsWith("openai.")) {
            return OPENAI;
        } else if (id.startsWith("meta.")) {
            return META;
        } else if (id.startsWith("cohere.")) {
            return COHERE;
        } else if (id.startsWith("amazon.nova-2-multimodal-embeddings")) {
            return NOVA_EMBEDDINGS;
        } else if (id.startsWith("amazon.nova")) {
            return NOVA;
        } else if (id.startsWith("amazon.titan-embed")) {
            return TITAN;
        } else if (id.startsWith("mistral.")) {
            return MISTRAL;
        }
        return OTHER;
    }
}
