package io.quarkiverse.bedrock.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.structured.SchemaValidator;

/** JSON Schema from Java types: records and classes with fields, the one derivation tools and structured output use. */
class JsonSchemasTest {

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

    static class Base {
        @Description("Shelf mark")
        String shelf;
    }

    @Description("A book")
    static class Pojo extends Base {
        static int ignoredStatic;
        transient String ignoredTransient;
        String title;
        Long pages;
        Optional<String> subtitle;
    }

    record Dates(LocalDate day, Instant at, LocalTime time, Year year) {
    }

    record Loop(String name, List<Loop> children) {
    }

    @Test
    void recordsBecomeObjectSchemasWithRequiredNonOptionalFields() throws Exception {
        JsonNode schema = JsonSchemas.of(Person.class);
        assertThat(schema).isEqualTo(JSON.readTree("""
                {"type":"object","additionalProperties":false,
                 "required":["name","age","score","active","level","tags","ids","address","previous","counters","aliases"],
                 "properties":{
                  "name":{"type":"string"},"age":{"type":"integer"},"score":{"type":"number"},
                  "active":{"type":"boolean"},"level":{"type":"string","enum":["JUNIOR","SENIOR"]},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "ids":{"type":"array","items":{"type":"integer"},"uniqueItems":true},
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
    void pojoFieldsOfTheClassAndItsSuperclassesSkipStaticAndTransientAndKeepDescriptions() throws Exception {
        assertThat(JsonSchemas.of(Pojo.class)).isEqualTo(JSON.readTree("""
                {"type":"object","description":"A book","additionalProperties":false,
                 "required":["title","pages","shelf"],
                 "properties":{"title":{"type":"string"},"pages":{"type":"integer"},"subtitle":{"type":"string"},
                  "shelf":{"type":"string","description":"Shelf mark"}}}
                """));
    }

    @Test
    void datesAndTimesAreStringsWithTheirFormat() throws Exception {
        assertThat(JsonSchemas.of(Dates.class).path("properties")).isEqualTo(JSON.readTree("""
                {"day":{"type":"string","format":"date"},"at":{"type":"string","format":"date-time"},
                 "time":{"type":"string","format":"time"},"year":{"type":"string"}}
                """));
    }

    @Test
    void recursiveTypesAreRejected() {
        assertThatThrownBy(() -> JsonSchemas.of(Loop.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Loop").hasMessageContaining("contains itself");
    }

    @Test
    void generatedSchemaValidatesWhatJacksonWritesForTheType() {
        Person p = new Person("Ada", 36, 9.5, true, Level.SENIOR, List.of("math"), Set.of(1), new Address("London",
                Optional.empty()), List.of(), Map.of("x", 1L), new String[] { "A" }, Optional.empty());
        JsonNode value = new ObjectMapper().findAndRegisterModules().valueToTree(p);
        ((ObjectNode) value).remove("rank");
        ((ObjectNode) value.get("address")).remove("zip");
        assertThat(SchemaValidator.validate(JsonSchemas.of(Person.class), value)).isEmpty();
    }
}
