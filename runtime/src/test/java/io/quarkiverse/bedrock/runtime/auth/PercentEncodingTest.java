package io.quarkiverse.bedrock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** The one percent-encoding of the client: RFC 3986 as AWS uses it, the same as the AWS SDK's for a path label. */
class PercentEncodingTest {

    @Test
    void encodesEverythingButUnreservedCharactersWithUpperCaseHex() {
        assertThat(PercentEncoding.encode("a-b_c.d~e f+g*h:i/j é", false)).isEqualTo("a-b_c.d~e%20f%2Bg%2Ah%3Ai%2Fj%20%C3%A9");
        assertThat(PercentEncoding.encode("/model/a:b", true)).isEqualTo("/model/a%3Ab");
    }

    @Test
    void matchesTheAwsSdkForModelIdsAndArns() {
        for (String id : new String[] { "anthropic.claude-3-haiku-20240307-v1:0",
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                "weird id ~*+é" }) {
            assertThat(PercentEncoding.encode(id, false)).as(id).isEqualTo(SdkHttpUtils.urlEncode(id));
        }
    }

    @Test
    void decodeUndoesEncodeAndKeepsStrayPercentSigns() {
        String text = "a b+c/é%";
        assertThat(PercentEncoding.decode(PercentEncoding.encode(text, false))).isEqualTo(text);
        assertThat(PercentEncoding.decode("100%25 %zz %4")).isEqualTo("100% %zz %4");
        assertThat(PercentEncoding.decode("a+b")).isEqualTo("a+b");
    }
}
