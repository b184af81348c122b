package io.quarkiverse.bedrock.runtime.family;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.quarkiverse.bedrock.api.ModelId;

/** Finds the family (provider) of a model id: {@code global.anthropic.claude-...} is {@code anthropic}. */
public final class ModelFamily {

    /** Cross-region inference profile prefixes, kept in the path but skipped to find the family. */
    public static final List<String> INFERENCE_PROFILE_PREFIXES = List.of("global", "us", "eu", "apac", "ap", "ca", "jp",
            "au", "us-gov");

    private ModelFamily() {
    }

    /**
     * @param modelId a model id
     * @return the base model id without any inference-profile prefix, or empty for an ARN
     */
    public static Optional<String> baseModel(ModelId modelId) {
        String id = modelId.value();
        if (id.startsWith("arn:")) {
            int slash = id.lastIndexOf('/');
            String resource = slash >= 0 ? id.substring(slash + 1) : "";
            // foundation-model and inference-profile ARNs still name the model; other ARNs hide it
            if (id.contains(":foundation-model/") || id.contains(":inference-profile/")) {
                return Optional.of(stripProfile(resource));
            }
            return Optional.empty();
        }
        return Optional.of(stripProfile(id));
    }

    /**
     * @param modelId a model id
     * @param explicit the family given in the request options (for ARNs that hide the model)
     * @return the family, e.g. {@code anthropic}, {@code meta}, {@code amazon}; empty when unknown
     */
    public static Optional<String> of(ModelId modelId, Optional<String> explicit) {
        if (explicit.isPresent()) {
            return explicit.map(f -> f.toLowerCase(Locale.ROOT));
        }
        return baseModel(modelId).map(base -> {
            int dot = base.indexOf('.');
            return (dot > 0 ? base.substring(0, dot) : base).toLowerCase(Locale.ROOT);
        });
    }

    private static String stripProfile(String id) {
        int dot = id.indexOf('.');
        if (dot > 0 && INFERENCE_PROFILE_PREFIXES.contains(id.substring(0, dot))) {
            return id.substring(dot + 1);
        }
        return id;
    }
}
