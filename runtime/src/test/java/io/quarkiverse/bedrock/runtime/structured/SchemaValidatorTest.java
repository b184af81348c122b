package io.quarkiverse.bedrock.runtime.structured;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["name","age"],
             "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":1,"maximum":150},
              "unit":{"enum":["celsius","fahrenheit"]},
              "tags":{"type":"array","items":{"type":"string"},"maxItems":2},
              "nick":{"type":["string","null"]},
              "home":{"type":"object","required":["city"],"properties":{"city":{"type":"string"}}}}}
            """;

    @Test
    void aMatchingValueHasNoViolation() throws Exception {
        assertThat(SchemaValidator.validate(json(SCHEMA), json("""
                {"name":"Ada","age":36,"unit":"celsius","tags":["a"],"nick":null,"home":{"city":"London"}}
                """))).isEmpty();
        assertThat(SchemaValidator.validate(json(SCHEMA), json("{\"name\":\"Ada\",\"age\":36.0}"))).isEmpty();
    }

    @Test
    void everyViolationIsReportedWithItsPointer() throws Exception {
        assertThat(SchemaValidator.validate(json(SCHEMA), json("""
                {"age":"30","unit":"kelvin","tags":["a",2,"c"],"home":{},"extra":1}
                """))).containsExactlyInAnyOrder(
                "/name: required property is missing",
                "/age: expected integer, got string \"30\"",
                "/unit: \"kelvin\" is not one of [\"celsius\",\"fahrenheit\"]",
                "/tags: expected at most 2 items, got 3",
                "/tags/1: expected string, got number 2",
                "/home/city: required property is missing",
                "/extra: property is not allowed by the schema");
    }

    @Test
    void boundsAndRootType() throws Exception {
        assertThat(SchemaValidator.validate(json(SCHEMA), json("{\"name\":\"A\",\"age\":0}")))
                .containsExactly("/age: 0 is below the minimum 1");
        assertThat(SchemaValidator.validate(json(SCHEMA), json("[1]"))).containsExactly("/: expected object, got array [1]");
        assertThat(SchemaValidator.validate(json(SCHEMA), json("{\"name\":\"A\",\"age\":1.5}")))
                .containsExactly("/age: expected integer, got number 1.5");
    }
}
