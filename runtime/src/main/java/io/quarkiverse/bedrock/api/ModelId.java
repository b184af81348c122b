package io.quarkiverse.bedrock.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * A Bedrock model identifier: a foundation model id ({@code anthropic.claude-3-haiku-20240307-v1:0}), an inference
 * profile id ({@code global.anthropic.claude-sonnet-4-5-20250929-v1:0}, the prefix is kept) or an ARN
 * ({@code foundation-model}, {@code inference-profile}, {@code application-inference-profile}, {@code provisioned-model},
 * {@code imported-model}, {@code custom-model}, {@code custom-model-deployment}, prompt routers, prompts, SageMaker
 * endpoints).
 * <p>
 * Validated when created, before any network call: an id goes into the request path, so {@code ..}, whitespace, control
 * characters, and {@code /} outside an ARN are rejected.
 *
 * @param value the id as it goes into the request path (before percent-encoding), without any {@code bedrock:} or
 *        {@code amazon_bedrock:} prefix
 */
public record ModelId(String value) {

    /** The longest id Bedrock accepts. */
    public static final int MAX_LENGTH = 2048;

    /** Cross-region inference profile prefixes, longest first so that {@code us-gov.} is not read as {@code us.}. */
    public static final List<String> INFERENCE_PROFILE_PREFIXES = List.of("us-gov", "global", "apac", "us", "eu", "ap",
            "ca", "jp", "au");

    private static final String[] SPEC_PREFIXES = { "amazon_bedrock:", "bedrock:" };
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:(bedrock|sagemaker):[a-z0-9-]{0,20}:([0-9]{12})?:([a-z-]+)/([A-Za-z0-9._:-]+(/[A-Za-z0-9._:-]+)*)");
    private static final Set<String> ARN_RESOURCE_TYPES = Set.of("foundation-model", "inference-profile",
            "application-inference-profile", "provisioned-model", "imported-model", "custom-model",
            "custom-model-deployment", "prompt", "prompt-router", "default-prompt-router", "endpoint");

    /** Rejects ids that cannot name a model. */
    public ModelId {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(
                    "The model id is missing: set it with ChatRequest.builder().model(\"bedrock:<model-id>\")");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidRequestException("The model id is " + value.length() + " characters long: Bedrock accepts at most "
                    + MAX_LENGTH);
        }
        if (hasWhitespaceOrControl(value)) {
            throw invalid(value, "it contains whitespace or control characters");
        }
        if (value.contains("..")) {
            throw invalid(value, "it contains '..'");
        }
        if (value.startsWith("arn:")) {
            checkArn(value);
        } else if (value.contains("/")) {
            throw invalid(value, "only an ARN may contain '/'");
        } else if (!PLAIN_ID.matcher(value).matches()) {
            throw invalid(value, "a model or inference profile id has only letters, digits, '.', '-', '_' and ':'");
        }
    }

    private static void checkArn(String value) {
        var m = ARN.matcher(value);
        if (!m.matches()) {
            throw invalid(value, "an ARN looks like arn:aws:bedrock:<region>:<account>:<resource-type>/<id>");
        }
        if (!ARN_RESOURCE_TYPES.contains(m.group(4))) {
            throw invalid(value, "'" + m.group(4) + "' is not a Bedrock model resource; use one of "
                    + String.join(", ", ARN_RESOURCE_TYPES.stream().sorted().toList()));
        }
    }

    private static InvalidRequestException invalid(String value, String why) {
        return new InvalidRequestException("The model id '" + printable(value) + "' is not valid (" + why
                + "): use a Bedrock model id (anthropic.claude-3-haiku-20240307-v1:0), an inference profile id"
                + " (us.anthropic.claude-3-haiku-20240307-v1:0) or a model ARN");
    }

    /**
     * Parses a model spec: {@code bedrock:<model-id>}, {@code amazon_bedrock:<model-id>} or a bare id.
     *
     * @param spec the spec
     * @return the model id
     * @throws InvalidRequestException when the id is missing or malformed
     */
    public static ModelId parse(String spec) {
        if (spec != null) {
            for (String prefix : SPEC_PREFIXES) {
                if (spec.startsWith(prefix)) {
                    return new ModelId(spec.substring(prefix.length()));
                }
            }
        }
        return new ModelId(spec);
    }

    /**
     * @return true when this id is the ARN of a Prompt management prompt
     *         ({@code arn:aws:bedrock:<region>:<account>:prompt/<id>},
     *         optionally {@code :<version>}): Converse runs the stored prompt with the request's prompt variables
     */
    public boolean isPrompt() {
        return isArn() && value.contains(":prompt/");
    }

    /** @return true when this id is an ARN */
    public boolean isArn() {
        return value.startsWith("arn:");
    }

    /**
     * @return the cross-region inference profile prefix ({@code global}, {@code us}, {@code eu}, {@code apac}, {@code ap},
     *         {@code ca}, {@code jp}, {@code au}, {@code us-gov}) when this id starts with one followed by a dot
     */
    public Optional<String> inferenceProfilePrefix() {
        return INFERENCE_PROFILE_PREFIXES.stream().filter(prefix -> value.startsWith(prefix + ".")).findFirst();
    }

    /**
     * @return the foundation model id this id names, without any inference-profile prefix
     *         ({@code global.anthropic.claude-sonnet-4-5-20250929-v1:0} gives
     *         {@code anthropic.claude-sonnet-4-5-20250929-v1:0});
     *         for a {@code foundation-model} or {@code inference-profile} ARN the model of its resource; empty for
     *         other ARNs, which hide the model
     */
    public Optional<String> baseModel() {
        if (!isArn()) {
            return Optional.of(withoutProfilePrefix(value));
        }
        // foundation-model and inference-profile ARNs still name the model; other ARNs hide it
        if (value.contains(":foundation-model/") || value.contains(":inference-profile/")) {
            return Optional.of(withoutProfilePrefix(value.substring(value.lastIndexOf('/') + 1)));
        }
        return Optional.empty();
    }

    private static String withoutProfilePrefix(String id) {
        for (String prefix : INFERENCE_PROFILE_PREFIXES) {
            if (id.startsWith(prefix + ".")) {
                return id.substring(prefix.length() + 1);
            }
        }
        return id;
    }

    private static boolean hasWhitespaceOrControl(String s) {
        return s.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
