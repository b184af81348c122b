package io.quarkiverse.bedrock.runtime.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

class SchemaGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Level {
        JUNIOR,
        SENIOR
    }

    record Address(String city, Optional<String> zip) {
    }

    record Person(String name, int age, double score, boolean active, Level level, List<String> tags, Set<Integer> ids,
            Address address, List<Address> previous, Map<String, Long> counters, String[] aliases, Optional<Integer> rank) {
    }

    static class Pojo {
        static int ignoredStatic;
        transient String ignoredTransient;
        String title;
        Long pages;
    }

    record Loop(String name, List<Loop> children) {
    }

    @Test
    void recordsBecomeObjectSchemasWithRequiredNonOptionalFields() throws Exception {
        JsonNode schema = SchemaGenerator.of(Person.class);
        assertThat(schema).isEqualTo(JSON.readTree("""
                {"type":"object","additionalProperties":false,
                 "required":["name","age","score","active","level","tags","ids","address","previous","counters","aliases"],
                 "properties":{
                  "name":{"type":"string"},"age":{"type":"integer"},"score":{"type":"number"},
                  "active":{"type":"boolean"},"level":{"type":"string","enum":["JUNIOR","SENIOR"]},
                  "tags":{"type":"array","items":{"type":"string"}},"ids":{"type":"array","items":{"type":"integer"}},
                  "address":{"type":"object","additionalProperties":false,"required":["city"],
                             "properties":{"city":{"type":"string"},"zip":{"type":"string"}}},
                  "previous":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["city"],
                             "properties":{"city":{"type":"string"},"zip":{"type":"string"}}}},
                  "counters":{"type":"object","additionalProperties":{"type":"integer"}},
                  "aliases":{"type":"array","items":{"type":"string"}},
                  "rank":{"type":"integer"}}}
                """));
    }

    @Test
    void pojoFieldsSkipStaticAndTransient() {
        JsonNode schema = SchemaGenerator.of(Pojo.class);
        assertThat(schema.path("properties").size()).isEqualTo(2);
        assertThat(schema.at("/properties/pages/type").asText()).isEqualTo("integer");
    }

    @Test
    void typesThatCannotBeDescribedAreRejected() {
        assertThatThrownBy(() -> SchemaGenerator.of(String.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("wrap the value in a record");
        assertThatThrownBy(() -> SchemaGenerator.of(Loop.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("refers to itself");
    }

    @Test
    void generatedSchemaValidatesWhatJacksonWritesForTheType() {
        Person p = new Person("Ada", 36, 9.5, true, Level.SENIOR, List.of("math"), Set.of(1), new Address("London",
                Optional.empty()), List.of(), Map.of("x", 1L), new String[] { "A" }, Optional.empty());
        JsonNode value = new ObjectMapper().findAndRegisterModules().valueToTree(p);
        ((com.fasterxml.jackson.databind.node.ObjectNode) value).remove("rank");
        ((com.fasterxml.jackson.databind.node.ObjectNode) value.get("address")).remove("zip");
        assertThat(SchemaValidator.validate(SchemaGenerator.of(Person.class), value)).isEmpty();
    }
}
