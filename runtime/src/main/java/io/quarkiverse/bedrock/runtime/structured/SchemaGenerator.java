package io.quarkiverse.bedrock.runtime.structured;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * Derives a JSON Schema from a record or POJO: strings, numbers, booleans, enums, lists, sets, arrays, string-keyed
 * maps and nested types. Every property is required except {@link Optional} ones; objects forbid other properties.
 */
public final class SchemaGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    /**
     * @param type a record or POJO class
     * @return its JSON Schema, an object schema
     * @throws InvalidRequestException when the type is not an object type, or refers to itself
     */
    public static ObjectNode of(Class<?> type) {
        ObjectNode schema = schema(type, new HashSet<>());
        if (!"object".equals(schema.path("type").asText())) {
            throw new InvalidRequestException("Structured output needs a record or class with fields, not " + type.getName()
                    + ": wrap the value in a record");
        }
        return schema;
    }

    private static ObjectNode schema(Type type, Set<Class<?>> path) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Optional.class.equals(raw)) {
                return schema(args[0], path);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode s = NODES.objectNode().put("type", "array");
                s.set("items", schema(args[0], path));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (!String.class.equals(args[0])) {
                    throw new InvalidRequestException("Only maps with String keys can be described in JSON Schema: " + p);
                }
                ObjectNode s = NODES.objectNode().put("type", "object");
                s.set("additionalProperties", schema(args[1], path));
                return s;
            }
            return schema(raw, path);
        }
        if (!(type instanceof Class<?> c)) {
            throw new InvalidRequestException("Cannot describe the type " + type + " in JSON Schema: use concrete types");
        }
        if (c == String.class || c == char.class || c == Character.class || java.time.temporal.Temporal.class
                .isAssignableFrom(c) || c == java.util.UUID.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
                || c == Long.class || c == Short.class || c == Byte.class || c == BigInteger.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (c == double.class || c == float.class || c == Double.class || c == Float.class || c == BigDecimal.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (c.isEnum()) {
            ObjectNode s = NODES.objectNode().put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return s;
        }
        if (c.isArray()) {
            ObjectNode s = NODES.objectNode().put("type", "array");
            s.set("items", schema(c.getComponentType(), path));
            return s;
        }
        if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c) || c == Object.class
                || c == Optional.class) {
            throw new InvalidRequestException("Cannot describe the raw type " + c.getName()
                    + " in JSON Schema: give its type arguments (e.g. List<String>)");
        }
        if (!path.add(c)) {
            throw new InvalidRequestException("The type " + c.getName() + " refers to itself: recursive types cannot be"
                    + " used for structured output");
        }
        ObjectNode s = NODES.objectNode().put("type", "object");
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                property(properties, required, rc.getName(), rc.getGenericType(), path);
            }
        } else {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic()) {
                        property(properties, required, f.getName(), f.getGenericType(), path);
                    }
                }
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.put("additionalProperties", false);
        path.remove(c);
        return s;
    }

    private static void property(ObjectNode properties, ArrayNode required, String name, Type type, Set<Class<?>> path) {
        properties.set(name, schema(type, path));
        boolean optional = type instanceof ParameterizedType p && p.getRawType() == Optional.class;
        if (!optional) {
            required.add(name);
        }
    }
}
