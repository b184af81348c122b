package io.quarkiverse.bedrock.runtime.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

class StructuredOutputTest {

    record Answer(String city, List<String> reasons) {
    }

    @Test
    void anAnswerTypeMustBeAnObjectType() {
        assertThat(StructuredOutput.schema(Answer.class).path("required")).hasSize(2);
        assertThatThrownBy(() -> StructuredOutput.schema(String.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("wrap the value in a record");
        assertThatThrownBy(() -> StructuredOutput.schema(List.class)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("type arguments");
    }
}
