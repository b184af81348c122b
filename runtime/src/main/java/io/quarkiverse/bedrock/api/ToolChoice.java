package io.quarkiverse.bedrock.api;

/** How the model may use the offered tools. */
public sealed interface ToolChoice {

    /** The model decides whether to call a tool (the default). */
    record Auto() implements ToolChoice {
    }

    /** The model must call at least one tool. */
    record Any() implements ToolChoice {
    }

    /**
     * The model must call this tool.
     *
     * @param name the tool's name
     */
    record Named(String name) implements ToolChoice {
    }

    /** @return the default: the model decides */
    static ToolChoice auto() {
        return new Auto();
    }

    /** @return the model must call a tool */
    static ToolChoice any() {
        return new Any();
    }

    /** @param name a tool name @return the model must call that tool */
    static ToolChoice tool(String name) {
        return new Named(name);
    }
}
