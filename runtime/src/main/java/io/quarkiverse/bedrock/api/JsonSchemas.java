package io.quarkiverse.bedrock.api;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * Derives the JSON Schema of a Java type, for tool arguments and structured output: records and classes with fields
 * become objects whose properties (record components, or the non-static, non-transient fields of the class and its
 * superclasses) are required unless {@link Optional}, and that forbid other properties; enums become string
 * enumerations; collections and arrays become arrays ({@code uniqueItems} for sets); {@code Map<String, V>} becomes an
 * object of {@code V}s; dates and times become strings with their {@code format}; {@link JsonNode} accepts anything.
 * {@link Description} annotations on types, components and fields become {@code description}s.
 */
public final class JsonSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonSchemas() {
    }

    /**
     * @param type a Java type, e.g. a record class or {@code List<String>}
     * @return its JSON Schema
     * @throws InvalidRequestException naming the type when no schema can be derived for it (e.g. a class without
     *         fields, a recursive type, a map with non-string keys, a raw collection)
     */
    public static ObjectNode of(Type type) {
        return schema(type, new HashSet<>());
    }

    /**
     * @param type a Java type
     * @return whether a value of that type may be left out of the arguments ({@link Optional} types)
     */
    public static boolean isOptional(Type type) {
        return raw(type) == Optional.class;
    }

    private static ObjectNode schema(Type type, Set<Class<?>> enclosing) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            return schema(argument(type, 0), enclosing);
        }
        if (raw == String.class || raw == char.class || raw == Character.class || CharSequence.class.isAssignableFrom(raw)
                || raw == UUID.class || raw == URI.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (raw == LocalDate.class) {
            return NODES.objectNode().put("type", "string").put("format", "date");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class
                || raw == LocalDateTime.class) {
            return NODES.objectNode().put("type", "string").put("format", "date-time");
        }
        if (raw == LocalTime.class || raw == OffsetTime.class) {
            return NODES.objectNode().put("type", "string").put("format", "time");
        }
        if (Temporal.class.isAssignableFrom(raw)) {
            return NODES.objectNode().put("type", "string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
                || raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class
                || raw == BigDecimal.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (raw.isEnum()) {
            ObjectNode s = NODES.objectNode().put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return s;
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return NODES.objectNode();
        }
        if (raw.isArray() || type instanceof GenericArrayType) {
            Type item = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            ObjectNode s = NODES.objectNode().put("type", "array");
            s.set("items", schema(item, enclosing));
            return s;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            ObjectNode s = NODES.objectNode().put("type", "array");
            s.set("items", schema(argument(type, 0), enclosing));
            if (Set.class.isAssignableFrom(raw)) {
                s.put("uniqueItems", true);
            }
            return s;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (raw(argument(type, 0)) != String.class) {
                throw new InvalidRequestException("Cannot derive a JSON Schema for " + type.getTypeName()
                        + ": JSON object keys are strings, use Map<String, ...>");
            }
            ObjectNode s = NODES.objectNode().put("type", "object");
            s.set("additionalProperties", schema(argument(type, 1), enclosing));
            return s;
        }
        List<Property> properties = properties(raw);
        if (properties.isEmpty()) {
            throw new InvalidRequestException("Cannot derive a JSON Schema for " + type.getTypeName()
                    + ": use a record or a class with fields, an enum, a String, a number, a boolean, a collection or a"
                    + " Map<String, ...>, or give the schema yourself with new Tool(name, description, schema)");
        }
        return object(raw, properties, enclosing);
    }

    /** A property of an object type: a record component or a field. */
    private record Property(String name, Type type, Description description) {
    }

    /** @return the record's components, or the instance fields of the class and its superclasses */
    private static List<Property> properties(Class<?> type) {
        List<Property> properties = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                properties.add(new Property(c.getName(), c.getGenericType(), c.getAnnotation(Description.class)));
            }
            return properties;
        }
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic()) {
                    properties.add(new Property(f.getName(), f.getGenericType(), f.getAnnotation(Description.class)));
                }
            }
        }
        return properties;
    }

    private static ObjectNode object(Class<?> type, List<Property> members, Set<Class<?>> enclosing) {
        if (!enclosing.add(type)) {
            throw new InvalidRequestException("Cannot derive a JSON Schema for " + type.getName()
                    + ": it contains itself; give the schema yourself with new Tool(name, description, schema)");
        }
        ObjectNode s = described(NODES.objectNode().put("type", "object"), type.getAnnotation(Description.class));
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Property p : members) {
            properties.set(p.name(), described(schema(p.type(), enclosing), p.description()));
            if (!isOptional(p.type())) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.put("additionalProperties", false);
        enclosing.remove(type);
        return s;
    }

    /** @return the schema with the description added, when there is one */
    static ObjectNode described(ObjectNode schema, Description description) {
        if (description != null) {
            schema.put("description", description.value());
        }
        return schema;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        throw new InvalidRequestException("Cannot derive a JSON Schema for the type variable " + type.getTypeName()
                + ": use a concrete type");
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new InvalidRequestException("Cannot derive a JSON Schema for the raw type " + type.getTypeName()
                + ": give its type arguments, e.g. List<String>");
    }
}
