package io.quarkiverse.bedrock.runtime.structured;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a value against the parts of JSON Schema that structured output relies on: {@code type} (one or a list),
 * {@code required}, {@code properties}, {@code additionalProperties: false} or a schema, {@code items}, {@code enum},
 * {@code const}, {@code minimum}, {@code maximum}, {@code minItems}, {@code maxItems}. Other keywords are ignored.
 */
public final class SchemaValidator {

    private SchemaValidator() {
    }

    /**
     * @param schema the schema
     * @param value the value
     * @return the violations, each starting with the JSON pointer of the value; empty when the value matches
     */
    public static List<String> validate(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "", out);
        return out;
    }

    private static void check(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (!schema.isObject()) {
            return;
        }
        String where = at.isEmpty() ? "/" : at;
        JsonNode type = schema.path("type");
        if (!type.isMissingNode() && !typeMatches(type, value)) {
            out.add(where + ": expected " + (type.isArray() ? "one of " + type : type.asText()) + ", got "
                    + describe(value));
            return;
        }
        JsonNode allowed = schema.path("enum");
        if (allowed.isArray() && !contains(allowed, value)) {
            out.add(where + ": " + value + " is not one of " + allowed);
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(where + ": expected " + schema.get("const") + ", got " + value);
        }
        if (value.isNumber()) {
            if (schema.path("minimum").isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
                out.add(where + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.path("maximum").isNumber() && value.asDouble() > schema.get("maximum").asDouble()) {
                out.add(where + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText()) || value.get(name.asText()).isNull()
                        && !typeMatches(schema.path("properties").path(name.asText()).path("type"), value.get(name.asText()))) {
                    out.add(at + "/" + name.asText() + ": required property is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (properties.has(name)) {
                    check(properties.get(name), value.get(name), at + "/" + name, out);
                } else if (additional.isBoolean() && !additional.asBoolean()) {
                    out.add(at + "/" + name + ": property is not allowed by the schema");
                } else if (additional.isObject()) {
                    check(additional, value.get(name), at + "/" + name, out);
                }
            }
        }
        if (value.isArray()) {
            if (schema.path("minItems").isInt() && value.size() < schema.get("minItems").asInt()) {
                out.add(where + ": expected at least " + schema.get("minItems") + " items, got " + value.size());
            }
            if (schema.path("maxItems").isInt() && value.size() > schema.get("maxItems").asInt()) {
                out.add(where + ": expected at most " + schema.get("maxItems") + " items, got " + value.size());
            }
            JsonNode items = schema.path("items");
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), at + "/" + i, out);
            }
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value) || v.isNumber() && value.isNumber() && v.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isMissingNode()) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String describe(JsonNode value) {
        String kind = value.isObject() ? "object"
                : value.isArray() ? "array"
                        : value.isTextual() ? "string"
                                : value.isNumber() ? "number"
                                        : value.isBoolean() ? "boolean" : value.isNull() ? "null" : "nothing";
        String shown = value.toString();
        return kind + " " + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown);
    }
}
