package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** Model id parsing, validation and the percent-encoded path segment. */
class ModelIdTest {

    @ParameterizedTest
    @CsvSource({
            "bedrock:anthropic.claude-3-haiku-20240307-v1:0, anthropic.claude-3-haiku-20240307-v1:0",
            "amazon_bedrock:amazon.nova-micro-v1:0, amazon.nova-micro-v1:0",
            "meta.llama3-70b-instruct-v1:0, meta.llama3-70b-instruct-v1:0",
            "bedrock:global.anthropic.claude-sonnet-4-5-20250929-v1:0, global.anthropic.claude-sonnet-4-5-20250929-v1:0",
    })
    void prefixIsRemoved(String spec, String id) {
        assertThat(ModelId.parse(spec).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({ "global.anthropic.claude-sonnet-4-5-20250929-v1:0, global", "us.amazon.nova-micro-v1:0, us",
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0, eu", "apac.amazon.nova-lite-v1:0, apac",
            "ap.amazon.nova-lite-v1:0, ap", "ca.meta.llama3-v1:0, ca", "jp.anthropic.claude-v1:0, jp",
            "au.anthropic.claude-v1:0, au", "us-gov.anthropic.claude-3-haiku-20240307-v1:0, us-gov" })
    void inferenceProfilePrefixesAreKeptInThePath(String id, String prefix) {
        ModelId model = ModelId.parse("bedrock:" + id);
        assertThat(model.inferenceProfilePrefix()).contains(prefix);
        assertThat(ModelPath.encode(model)).isEqualTo(id.replace(":", "%3A"));
    }

    @Test
    void foundationModelHasNoProfilePrefix() {
        assertThat(ModelId.parse("anthropic.claude-v2:1").inferenceProfilePrefix()).isEmpty();
        assertThat(ModelId.parse("cohere.command-r-v1:0").isArn()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1:012345678901:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/mi1dadi0g15f",
            "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghij12",
            "arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghij12",
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdefghij12",
            "arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abcdefghij12",
            "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.anthropic.claude-v1:0",
            "arn:aws-cn:bedrock:cn-north-1:123456789012:provisioned-model/abcdefghij12",
            "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1",
    })
    void arnsAreAcceptedAndEncoded(String arn) {
        ModelId model = ModelId.parse("bedrock:" + arn);
        assertThat(model.isArn()).isTrue();
        String encoded = ModelPath.encode(model);
        assertThat(encoded).doesNotContain("/").doesNotContain(":")
                .isEqualTo(arn.replace(":", "%3A").replace("/", "%2F"));
    }

    @Test
    void recordedArnEncoding() {
        // as on the wire in the recorded openllmetry cross-region fixture
        assertThat(ModelPath.encode(ModelId.parse(
                "arn:aws:bedrock:us-east-1:012345678901:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0")))
                .isEqualTo("arn%3Aaws%3Abedrock%3Aus-east-1%3A012345678901%3Ainference-profile%2F"
                        + "us.anthropic.claude-3-7-sonnet-20250219-v1%3A0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bedrock:                                   | missing",
            "bedrock:../../admin                        | '..'",
            "bedrock:anthropic..claude                  | '..'",
            "bedrock:anthropic.claude v2                | whitespace",
            "bedrock:/                                  | only an ARN may contain '/'",
            "bedrock:anthropic.claude/../x              | '..'",
            "bedrock:anthropic/claude                   | only an ARN may contain '/'",
            "bedrock:anthropic.clau\u00a0de             | whitespace",
            "bedrock:anthropic.claudé                   | letters, digits",
            "bedrock:model?x=1                          | letters, digits",
            "bedrock:model#frag                         | letters, digits",
            "bedrock:model%2F..                         | '..'",
            "bedrock:model%3A1                          | letters, digits",
            "bedrock:arn:aws:bedrock:us-east-1:123:foundation-model/x | an ARN looks like",
            "bedrock:arn:aws:s3:::bucket/key            | an ARN looks like",
            "bedrock:arn:aws:bedrock:us-east-1:123456789012:guardrail/abc | not a Bedrock model resource",
            "bedrock:arn:aws:bedrock:us-east-1:123456789012:inference-profile//x | an ARN looks like",
    })
    void invalidIdsAreRejectedWithAClearError(String spec, String reason) {
        assertThatThrownBy(() -> ModelId.parse(spec.strip())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void controlCharactersAreRejectedAndShownEscaped() {
        assertThatThrownBy(() -> ModelId.parse("bedrock:anthropic.claude\u0000v2")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("\\u0000").hasMessageContaining("control");
        assertThatThrownBy(() -> ModelId.parse("bedrock:anthropic.claude\r\nHost: evil")).isInstanceOf(
                InvalidRequestException.class);
        assertThatThrownBy(() -> ModelId.parse("bedrock:anthropic.claude\u200bv2")).isInstanceOf(
                InvalidRequestException.class);
        assertThatThrownBy(() -> ModelId.parse(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ModelId.parse("bedrock:" + "a".repeat(2049))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 2048");
    }
}
