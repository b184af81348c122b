package io.quarkiverse.bedrock.api.guardrail;

/** Whether a guardrail checks content as a user's input or as a model's output. */
public enum GuardrailSource {
    /** The content is input to a model. */
    INPUT,
    /** The content is a model's output. */
    OUTPUT
}
