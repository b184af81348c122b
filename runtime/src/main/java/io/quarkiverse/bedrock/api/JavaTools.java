package io.quarkiverse.bedrock.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * Tools from Java: a {@link Tool} whose arguments are a record's components or a method's parameters (schema from
 * {@link JsonSchemas}, descriptions from {@link Description}), and the call of such a method with a tool call's
 * arguments, its result ready to send back as a {@link ContentBlock.ToolResult}.
 *
 * <pre>{@code
 * record Weather(@Description("City name") String city, Optional<Unit> unit) {}
 * Tool tool = JavaTools.fromRecord("get_weather", "Current weather of a city", Weather.class);
 * ...
 * Weather args = JavaTools.arguments(call.arguments(), Weather.class, mapper);
 * }</pre>
 */
public final class JavaTools {

    private JavaTools() {
    }

    /**
     * @param name the tool's name
     * @param description what the tool does; null to use the record's {@link Description}
     * @param arguments the record whose components are the tool's arguments
     * @return the tool
     */
    public static Tool fromRecord(String name, String description, Class<? extends Record> arguments) {
        ObjectNode schema = JsonSchemas.of(arguments);
        String text = description != null ? description : schema.path("description").asText(null);
        schema.remove("description");
        return new Tool(name, text, schema);
    }

    /**
     * A tool named after the method, with one argument per parameter (required unless {@link Optional}); the
     * description is the method's {@link Description}. The class must be compiled with {@code -parameters} (Quarkus
     * projects are), so that the argument names are the parameter names.
     *
     * @param method the method the tool calls
     * @return the tool
     * @throws InvalidRequestException when parameter names were not compiled in, or a parameter type has no schema
     */
    public static Tool fromMethod(Method method) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (Parameter p : method.getParameters()) {
            String name = parameterName(method, p);
            properties.set(name, JsonSchemas.described(JsonSchemas.of(p.getParameterizedType()),
                    p.getAnnotation(Description.class)));
            if (!JsonSchemas.isOptional(p.getParameterizedType())) {
                required.add(name);
            }
        }
        if (required.isEmpty()) {
            schema.remove("required");
        }
        schema.put("additionalProperties", false);
        Description description = method.getAnnotation(Description.class);
        return new Tool(method.getName(), description == null ? null : description.value(), schema);
    }

    /**
     * @param arguments a tool call's arguments
     * @param type the record (or other type) to read them as
     * @param mapper the mapper to read with
     * @param <T> the type
     * @return the arguments as that type
     * @throws InvalidRequestException saying which type did not match when the arguments do not fit it
     */
    public static <T> T arguments(JsonNode arguments, Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(arguments, type);
        } catch (Exception e) {
            throw new InvalidRequestException("The tool call's arguments do not fit " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Calls the method of a tool made by {@link #fromMethod(Method)} with a tool call's arguments.
     *
     * @param method the method
     * @param target the object to call it on, null for a static method
     * @param call the tool call (from {@link Chunk.ToolCall} or {@link ChatResponse#toolCalls()})
     * @param mapper reads the arguments and writes the result
     * @return the tool result to send back: the method's return value as JSON (a String as text), or, when the method
     *         throws, its message with {@code error} set
     * @throws InvalidRequestException when the call names another tool or lacks a required argument
     */
    public static ContentBlock.ToolResult call(Method method, Object target, ContentBlock.ToolUse call,
            ObjectMapper mapper) {
        if (!method.getName().equals(call.name())) {
            throw new InvalidRequestException("The tool call is for '" + call.name() + "', not '" + method.getName() + "'");
        }
        Parameter[] parameters = method.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = argument(method, parameters[i], call.input(), mapper);
        }
        Object result;
        try {
            method.setAccessible(true);
            result = method.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return new ContentBlock.ToolResult(call.id(), mapper.getNodeFactory().textNode(
                    cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), true);
        } catch (IllegalAccessException e) {
            throw new InvalidRequestException("Cannot call tool method " + method + ": " + e.getMessage());
        }
        JsonNode content = result instanceof String s ? mapper.getNodeFactory().textNode(s)
                : result == null ? mapper.getNodeFactory().textNode("") : mapper.valueToTree(result);
        return new ContentBlock.ToolResult(call.id(), content, false);
    }

    private static Object argument(Method method, Parameter p, JsonNode input, ObjectMapper mapper) {
        String name = parameterName(method, p);
        JsonNode value = input.get(name);
        Type type = p.getParameterizedType();
        boolean optional = JsonSchemas.isOptional(type);
        if (value == null || value.isNull()) {
            if (optional) {
                return Optional.empty();
            }
            throw new InvalidRequestException("The call of tool '" + method.getName() + "' lacks the argument '" + name
                    + "'");
        }
        Type target = optional ? ((ParameterizedType) type).getActualTypeArguments()[0] : type;
        try {
            Object converted = mapper.convertValue(value, mapper.constructType(target));
            return optional ? Optional.ofNullable(converted) : converted;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("The argument '" + name + "' of tool '" + method.getName()
                    + "' is not a " + target.getTypeName() + ": " + e.getMessage());
        }
    }

    private static String parameterName(Method method, Parameter p) {
        if (!p.isNamePresent()) {
            throw new InvalidRequestException("The parameter names of " + method
                    + " were not compiled in: compile with -parameters (maven.compiler.parameters=true)");
        }
        return p.getName();
    }
}
