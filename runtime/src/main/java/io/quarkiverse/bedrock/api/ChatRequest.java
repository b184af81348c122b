package io.quarkiverse.bedrock.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * A chat request: the model, system prompts, the conversation so far, inference parameters and provider options.
 * Build one with {@link #builder()}; {@link Builder#build()} checks it before anything is sent.
 */
public final class ChatRequest {

    private final ModelId modelId;
    private final List<String> system;
    private final List<Message> messages;
    private final Integer maxTokens;
    private final Double temperature;
    private final Double topP;
    private final List<String> stopSequences;
    private final List<Tool> tools;
    private final ToolChoice toolChoice;
    private final BedrockOptions options;

    private ChatRequest(Builder b) {
        this.modelId = ModelId.parse(b.model);
        this.system = List.copyOf(b.system);
        this.messages = List.copyOf(b.messages);
        this.maxTokens = b.maxTokens;
        this.temperature = b.temperature;
        this.topP = b.topP;
        this.stopSequences = List.copyOf(b.stopSequences);
        this.tools = List.copyOf(b.tools);
        this.toolChoice = b.toolChoice;
        this.options = b.options;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the model id, without its {@code bedrock:} prefix */
    public ModelId modelId() {
        return modelId;
    }

    /** @return the system prompts, in order */
    public List<String> system() {
        return system;
    }

    /** @return the conversation, oldest first */
    public List<Message> messages() {
        return messages;
    }

    /** @return the maximum number of tokens to generate */
    public Optional<Integer> maxTokens() {
        return Optional.ofNullable(maxTokens);
    }

    /** @return the sampling temperature */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** @return the nucleus sampling probability */
    public Optional<Double> topP() {
        return Optional.ofNullable(topP);
    }

    /** @return sequences that stop generation */
    public List<String> stopSequences() {
        return stopSequences;
    }

    /** @return the tools offered to the model */
    public List<Tool> tools() {
        return tools;
    }

    /** @return how the model may use the tools; empty means the model decides */
    public Optional<ToolChoice> toolChoice() {
        return Optional.ofNullable(toolChoice);
    }

    /** @return the provider options of this request */
    public BedrockOptions options() {
        return options;
    }

    /** @return a builder holding everything of this request, to derive a new one (e.g. the next turn) */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = modelId.value();
        b.system.addAll(system);
        b.messages.addAll(messages);
        b.maxTokens = maxTokens;
        b.temperature = temperature;
        b.topP = topP;
        b.stopSequences.addAll(stopSequences);
        b.tools.addAll(tools);
        b.toolChoice = toolChoice;
        b.options = options;
        return b;
    }

    @Override
    public String toString() {
        return "ChatRequest[model=" + modelId + ", system=" + system.size() + " prompt(s), messages=" + messages.size()
                + ", maxTokens=" + maxTokens + ", temperature=" + temperature + ", topP=" + topP + ", tools=" + tools.size()
                + ", options=" + options + "]";
    }

    /** Builds a {@link ChatRequest}. */
    public static final class Builder {
        private String model;
        private final List<String> system = new ArrayList<>();
        private final List<Message> messages = new ArrayList<>();
        private Integer maxTokens;
        private Double temperature;
        private Double topP;
        private final List<String> stopSequences = new ArrayList<>();
        private final List<Tool> tools = new ArrayList<>();
        private ToolChoice toolChoice;
        private BedrockOptions options = BedrockOptions.NONE;

        private Builder() {
        }

        /**
         * @param modelSpec {@code bedrock:<model-id>}, {@code amazon_bedrock:<model-id>} or a bare model id, inference
         *        profile id or ARN
         * @return this builder
         */
        public Builder model(String modelSpec) {
            this.model = modelSpec;
            return this;
        }

        /** @param prompt a system prompt, added after those set before @return this builder */
        public Builder system(String prompt) {
            this.system.add(Objects.requireNonNull(prompt, "system prompt must not be null"));
            return this;
        }

        /** @param message a message, added at the end of the conversation @return this builder */
        public Builder message(Message message) {
            this.messages.add(Objects.requireNonNull(message, "message must not be null"));
            return this;
        }

        /** @param messages messages, added at the end of the conversation @return this builder */
        public Builder messages(List<Message> messages) {
            messages.forEach(this::message);
            return this;
        }

        /** @param text a user message's text @return this builder */
        public Builder user(String text) {
            return message(Message.user(text));
        }

        /** @param text an assistant message's text @return this builder */
        public Builder assistant(String text) {
            return message(Message.assistant(text));
        }

        /** @param maxTokens maximum number of tokens to generate, at least 1 @return this builder */
        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** @param temperature sampling temperature, 0 to 1 @return this builder */
        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** @param topP nucleus sampling probability, 0 to 1 @return this builder */
        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        /** @param sequences sequences that stop generation @return this builder */
        public Builder stopSequences(List<String> sequences) {
            this.stopSequences.addAll(sequences);
            return this;
        }

        /** @param tool a tool the model may call @return this builder */
        public Builder tool(Tool tool) {
            this.tools.add(Objects.requireNonNull(tool, "tool must not be null"));
            return this;
        }

        /** @param tools tools the model may call @return this builder */
        public Builder tools(List<Tool> tools) {
            tools.forEach(this::tool);
            return this;
        }

        /** @param choice how the model may use the tools @return this builder */
        public Builder toolChoice(ToolChoice choice) {
            this.toolChoice = choice;
            return this;
        }

        /** @param options provider options for this request @return this builder */
        public Builder options(BedrockOptions options) {
            this.options = options == null ? BedrockOptions.NONE : options;
            return this;
        }

        private static boolean namesPrompt(String model) {
            try {
                return model != null && ModelId.parse(model).isPrompt();
            } catch (InvalidRequestException e) {
                return false; // reported by the model id check
            }
        }

        /**
         * @return the request
         * @throws InvalidRequestException saying what to fix when the model is missing or malformed, there is no
         *         message (and the model is no prompt ARN), or a parameter is out of range
         */
        public ChatRequest build() {
            // a Prompt management prompt brings its own messages; the request's are appended to them
            if (messages.isEmpty() && !namesPrompt(model)) {
                throw new InvalidRequestException("A chat request needs at least one message: add one with user(\"...\")");
            }
            if (maxTokens != null && maxTokens < 1) {
                throw new InvalidRequestException("maxTokens must be at least 1, was " + maxTokens);
            }
            if (temperature != null && (temperature < 0 || temperature > 1)) {
                throw new InvalidRequestException("temperature must be between 0 and 1, was " + temperature);
            }
            if (topP != null && (topP < 0 || topP > 1)) {
                throw new InvalidRequestException("topP must be between 0 and 1, was " + topP);
            }
            if (toolChoice != null && tools.isEmpty()) {
                throw new InvalidRequestException("A tool choice was set but no tool is offered: add tools with tool(...)");
            }
            if (toolChoice instanceof ToolChoice.Named named
                    && tools.stream().noneMatch(t -> t.name().equals(named.name()))) {
                throw new InvalidRequestException(
                        "The tool choice names '" + named.name() + "', which is not among the offered tools");
            }
            if (tools.stream().map(Tool::name).distinct().count() != tools.size()) {
                throw new InvalidRequestException("Two offered tools have the same name: tool names must be unique");
            }
            return new ChatRequest(this);
        }
    }
}
