package io.quarkiverse.bedrock.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The GenAI metrics where an operator reads them: the demo app's {@code /q/metrics} (quarkus-micrometer-registry-prometheus)
 * after calls through its HTTP API, under the series names the observability guide's PromQL queries use. Other tests
 * share the application and its registry, so each check compares a scrape taken after the call with one taken before.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class MetricsEndpointTest extends EmulatorTest {

    private static final String MODEL = "cohere.command-r-v1:0";
    private static final String[] CHAT = { "gen_ai_operation_name", "chat", "gen_ai_provider_name", "aws.bedrock",
            "gen_ai_request_model", MODEL, "bedrock_client_name", "<default>" };
    private static final Pattern OUTPUT_TOKENS = Pattern.compile("\"outputTokens\":(\\d+)");

    @Test
    void aStreamedAnswerIsScrapedUnderTheSeriesTheGuidesQueriesRead() {
        Scrape before = Scrape.now();
        emulator.enqueue(Reply.text("One two three four five"));
        String sse = given().contentType(ContentType.JSON)
                .body("{\"model\":\"bedrock:" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}]}")
                .when().post("/bedrock/stream")
                .then().statusCode(200).extract().asString();
        List<String> events = sse.lines().filter(l -> l.startsWith("data:")).toList();
        long textEvents = events.stream().filter(e -> e.contains("\"type\":\"text\"")).count();
        Matcher usage = OUTPUT_TOKENS.matcher(events.stream().filter(e -> e.contains("\"type\":\"usage\"")).findFirst()
                .orElseThrow());
        assertThat(usage.find()).isTrue();
        Scrape after = Scrape.now();

        assertThat(after.minus(before, "gen_ai_client_operation_duration_seconds_count", "error_type", "none"))
                .isEqualTo(1);
        assertThat(after.minus(before, "gen_ai_client_operation_duration_seconds_bucket", "error_type", "none", "le",
                "+Inf")).isEqualTo(1);
        // the conventions' explicit boundaries, not Micrometer's defaults
        assertThat(after.has("gen_ai_client_operation_duration_seconds_bucket", "le", "81.92")).isTrue();
        assertThat(after.has("gen_ai_client_token_usage_tokens_bucket", "le", "6.7108864E7")).isTrue();
        assertThat(after.minus(before, "gen_ai_client_token_usage_tokens_sum", "gen_ai_token_type", "output"))
                .isEqualTo(Double.parseDouble(usage.group(1)));
        assertThat(after.minus(before, "gen_ai_client_operation_time_to_first_chunk_seconds_count")).isEqualTo(1);
        assertThat(after.minus(before, "gen_ai_client_operation_time_to_first_chunk_seconds_bucket", "le", "+Inf"))
                .isEqualTo(1);
        assertThat(textEvents).isGreaterThan(2);
        assertThat(after.minus(before, "gen_ai_client_operation_time_per_output_chunk_seconds_count"))
                .isEqualTo(textEvents - 1);
        assertThat(after.sum("bedrock_client_streams_active", "bedrock_client_name", "<default>")).isZero();
    }

    @Test
    void aThrottledAttemptIsScrapedAsAThrottleAndARetry() {
        Scrape before = Scrape.now();
        emulator.enqueue(Reply.fault(Fault.THROTTLING), Reply.text("Second time lucky."));
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"bedrock:" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")
                .when().post("/bedrock/chat")
                .then().statusCode(200);
        Scrape after = Scrape.now();

        assertThat(after.minus(before, "bedrock_client_throttles_total")).isEqualTo(1);
        assertThat(after.minus(before, "bedrock_client_retries_total", "error_type", "ThrottlingException")).isEqualTo(1);
        assertThat(after.minus(before, "gen_ai_client_operation_duration_seconds_count", "error_type", "none"))
                .isEqualTo(1);
    }

    /** One scrape of {@code /q/metrics}: each sample's series name, labels and value. */
    private record Scrape(List<Sample> samples) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)} (\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

        static Scrape now() {
            String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            return new Scrape(text.lines().map(LINE::matcher).filter(Matcher::matches).map(m -> {
                Map<String, String> labels = new HashMap<>();
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                return new Sample(m.group(1), labels, Double.parseDouble(m.group(3)));
            }).toList());
        }

        /** @return the sum of the series of that name with these labels (name, value pairs) */
        double sum(String name, String... labels) {
            return samples.stream().filter(s -> s.is(name, labels)).mapToDouble(Sample::value).sum();
        }

        /** @return how much the chat series of that name with these extra labels grew since {@code before} */
        double minus(Scrape before, String name, String... labels) {
            String[] all = concat(CHAT, labels);
            return sum(name, all) - before.sum(name, all);
        }

        /** @return whether a chat series of that name has these extra labels */
        boolean has(String name, String... labels) {
            return samples.stream().anyMatch(s -> s.is(name, concat(CHAT, labels)));
        }

        private static String[] concat(String[] a, String[] b) {
            String[] all = new String[a.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    private record Sample(String name, Map<String, String> labels, double value) {

        boolean is(String name, String... pairs) {
            if (!this.name.equals(name)) {
                return false;
            }
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
