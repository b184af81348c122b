package io.quarkiverse.bedrock.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.ModelId;

class RequestTargetTest {

    private static final ModelId ARN = ModelId
            .parse("arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0");

    @Test
    void regionalEndpointWithTheModelIdEncodedOnce() {
        RequestTarget target = RequestTarget.of("eu-west-3", Optional.empty(), ARN, "converse-stream");
        assertThat(target.uri()).hasToString("https://bedrock-runtime.eu-west-3.amazonaws.com/model/"
                + "arn%3Aaws%3Abedrock%3Aeu-west-3%3A123456789012%3Ainference-profile%2Feu.anthropic.claude-3-haiku-20240307-v1%3A0"
                + "/converse-stream");
        assertThat(target.region()).isEqualTo("eu-west-3");
    }

    @Test
    void overrideKeepsItsPathWithoutDoubledSlashes() {
        RequestTarget target = RequestTarget.of("us-east-1", Optional.of(URI.create("http://127.0.0.1:8080/proxy//")),
                ModelId.parse("amazon.nova-lite-v1:0"), "converse");
        assertThat(target.uri()).hasToString("http://127.0.0.1:8080/proxy/model/amazon.nova-lite-v1%3A0/converse");
        assertThat(target.base()).hasToString("http://127.0.0.1:8080/proxy//");
    }

    @Test
    void recentTargetsAreReusedOnlyForTheSameRegionModelAndOperation() {
        RequestTarget.Recent recent = new RequestTarget.Recent(Optional.of(URI.create("http://127.0.0.1:8080")));
        ModelId nova = ModelId.parse("amazon.nova-lite-v1:0");
        RequestTarget first = recent.of("us-east-1", nova, "converse-stream");

        assertThat(recent.of("us-east-1", ModelId.parse("amazon.nova-lite-v1:0"), "converse-stream")).isSameAs(first);
        assertThat(first).isEqualTo(RequestTarget.of("us-east-1", Optional.of(URI.create("http://127.0.0.1:8080")), nova,
                "converse-stream"));
        // many other calls, some landing in the same slot: each gets its own target
        for (int i = 0; i < 100; i++) {
            ModelId other = ModelId.parse("amazon.nova-lite-v" + i + ":0");
            for (String operation : new String[] { "converse", "converse-stream" }) {
                for (String region : new String[] { "us-east-1", "eu-west-3" }) {
                    RequestTarget t = recent.of(region, other, operation);
                    assertThat(t.uri()).hasToString("http://127.0.0.1:8080/model/amazon.nova-lite-v" + i + "%3A0/" + operation);
                    assertThat(t.region()).isEqualTo(region);
                }
            }
        }
        assertThat(recent.of("us-east-1", nova, "converse").uri())
                .hasToString("http://127.0.0.1:8080/model/amazon.nova-lite-v1%3A0/converse");
    }
}
