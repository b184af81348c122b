package io.quarkiverse.bedrock.api.error;

import java.util.List;

/**
 * The model's structured answer does not match the requested JSON Schema (a required field is missing, a value has the
 * wrong type...), or the model answered without the structured output at all. Retry, simplify the schema, or describe
 * the expected fields in the prompt.
 */
public class SchemaMismatchException extends BedrockException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;
    private final String answer;

    /**
     * @param violations what does not match, each starting with the JSON pointer of the value (e.g. {@code /age})
     * @param answer the model's answer as JSON text (or its text when it gave no structured output)
     */
    public SchemaMismatchException(List<String> violations, String answer) {
        super("The model's answer does not match the schema: " + String.join("; ", violations) + " (answer: "
                + abbreviate(answer) + ")");
        this.violations = List.copyOf(violations);
        this.answer = answer;
    }

    /** @return what does not match, one entry per violation */
    public List<String> violations() {
        return violations;
    }

    /** @return the model's answer as it was received */
    public String answer() {
        return answer;
    }

    private static String abbreviate(String s) {
        return s == null ? "none" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
