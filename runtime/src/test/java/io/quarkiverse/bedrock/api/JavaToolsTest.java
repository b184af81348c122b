package io.quarkiverse.bedrock.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** Tools from records and methods: the JSON Schema derived, the arguments read back, the method called. */
class JavaToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

    enum Unit {
        CELSIUS,
        FAHRENHEIT
    }

    @Description("Where and how to report the weather")
    record Weather(@Description("City name") String city, Optional<Unit> unit, int days, List<String> fields,
            Map<String, Double> thresholds, Set<Integer> hours, Place near) {
    }

    record Place(double lat, double lon, Boolean exact) {
    }

    record Loop(String name, Loop next) {
    }

    static final class Plain {
    }

    /** Tool methods, as an application would write them. */
    public static final class Clock {
        @Description("Current time in a time zone")
        public String get_time(@Description("IANA time zone") String zone, Optional<Boolean> seconds) {
            return "12:00" + (seconds.orElse(false) ? ":00" : "") + " " + zone;
        }

        public Map<String, Integer> add(int a, int b) {
            return Map.of("sum", a + b);
        }

        public String fail(String why) {
            throw new IllegalStateException("cannot: " + why);
        }
    }

    private static Method method(String name) {
        for (Method m : Clock.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void recordBecomesAnObjectSchemaWithRequiredComponentsAndDescriptions() throws Exception {
        Tool tool = JavaTools.fromRecord("get_weather", null, Weather.class);
        assertThat(tool.name()).isEqualTo("get_weather");
        assertThat(tool.description()).isEqualTo("Where and how to report the weather");
        assertThat(tool.inputSchema()).isEqualTo(JSON.readTree("""
                {"type":"object","properties":{
                   "city":{"type":"string","description":"City name"},
                   "unit":{"type":"string","enum":["CELSIUS","FAHRENHEIT"]},
                   "days":{"type":"integer"},
                   "fields":{"type":"array","items":{"type":"string"}},
                   "thresholds":{"type":"object","additionalProperties":{"type":"number"}},
                   "hours":{"type":"array","items":{"type":"integer"},"uniqueItems":true},
                   "near":{"type":"object","properties":{"lat":{"type":"number"},"lon":{"type":"number"},
                           "exact":{"type":"boolean"}},"required":["lat","lon","exact"],"additionalProperties":false}},
                 "required":["city","days","fields","thresholds","hours","near"],
                 "additionalProperties":false}
                """));
        assertThat(JavaTools.fromRecord("w", "Given description", Weather.class).description())
                .isEqualTo("Given description");
    }

    @Test
    void argumentsAreReadBackAsTheRecord() throws Exception {
        JsonNode args = JSON.readTree("""
                {"city":"Paris","unit":"CELSIUS","days":2,"fields":["temp"],"thresholds":{"hot":30.5},
                 "hours":[9,12],"near":{"lat":48.8,"lon":2.3,"exact":true}}
                """);
        Weather w = JavaTools.arguments(args, Weather.class, JSON);
        assertThat(w.city()).isEqualTo("Paris");
        assertThat(w.unit()).contains(Unit.CELSIUS);
        assertThat(w.near().lat()).isEqualTo(48.8);
        assertThatThrownBy(() -> JavaTools.arguments(JSON.readTree("{\"days\":\"many\"}"), Weather.class, JSON))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Weather");
    }

    @Test
    void typesWithoutASchemaAreClearErrors() {
        assertThatThrownBy(() -> JsonSchemas.of(Plain.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Plain").hasMessageContaining("record");
        assertThatThrownBy(() -> JsonSchemas.of(Loop.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("contains itself");
        assertThatThrownBy(() -> JsonSchemas.of(List.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("type arguments");
    }

    @Test
    void methodBecomesAToolNamedAfterItWithOneArgumentPerParameter() throws Exception {
        Tool tool = JavaTools.fromMethod(method("get_time"));
        assertThat(tool.name()).isEqualTo("get_time");
        assertThat(tool.description()).isEqualTo("Current time in a time zone");
        assertThat(tool.inputSchema()).isEqualTo(JSON.readTree("""
                {"type":"object","properties":{"zone":{"type":"string","description":"IANA time zone"},
                 "seconds":{"type":"boolean"}},"required":["zone"],"additionalProperties":false}
                """));
    }

    @Test
    void callingTheMethodGivesTheToolResultToSendBack() throws Exception {
        Clock clock = new Clock();
        ContentBlock.ToolResult time = JavaTools.call(method("get_time"), clock,
                new ContentBlock.ToolUse("t1", "get_time", JSON.readTree("{\"zone\":\"UTC\",\"seconds\":true}")), JSON);
        assertThat(time.toolUseId()).isEqualTo("t1");
        assertThat(time.content().asText()).isEqualTo("12:00:00 UTC");
        assertThat(time.error()).isFalse();

        ContentBlock.ToolResult sum = JavaTools.call(method("add"), clock,
                new ContentBlock.ToolUse("t2", "add", JSON.readTree("{\"a\":2,\"b\":3}")), JSON);
        assertThat(sum.content()).isEqualTo(JSON.readTree("{\"sum\":5}"));

        ContentBlock.ToolResult failed = JavaTools.call(method("fail"), clock,
                new ContentBlock.ToolUse("t3", "fail", JSON.readTree("{\"why\":\"offline\"}")), JSON);
        assertThat(failed.error()).isTrue();
        assertThat(failed.content().asText()).isEqualTo("cannot: offline");
    }

    @Test
    void badCallsAreClearErrors() throws Exception {
        assertThatThrownBy(() -> JavaTools.call(method("add"), new Clock(),
                new ContentBlock.ToolUse("t", "add", JSON.readTree("{\"a\":2}")), JSON))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'b'");
        assertThatThrownBy(() -> JavaTools.call(method("add"), new Clock(),
                new ContentBlock.ToolUse("t", "get_time", JSON.readTree("{}")), JSON))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("get_time");
        assertThatThrownBy(() -> JavaTools.call(method("add"), new Clock(),
                new ContentBlock.ToolUse("t", "add", JSON.readTree("{\"a\":\"x\",\"b\":1}")), JSON))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'a'");
    }
}
