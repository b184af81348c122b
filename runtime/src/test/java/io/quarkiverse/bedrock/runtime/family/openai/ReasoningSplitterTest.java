package io.quarkiverse.bedrock.runtime.family.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.runtime.family.openai.ReasoningSplitter.Segment;

class ReasoningSplitterTest {

    private static List<Segment> feedAll(String... pieces) {
        ReasoningSplitter s = new ReasoningSplitter();
        List<Segment> out = new ArrayList<>();
        for (String p : pieces) {
            out.addAll(s.feed(p));
        }
        out.addAll(s.finish());
        return out;
    }

    @Test
    void reasoningThenAnswer() {
        assertThat(feedAll("<reasoning>think</reasoning>Hello")).containsExactly(new Segment(true, "think"),
                new Segment(false, "Hello"));
    }

    @Test
    void tagsCutBetweenPiecesAreRecognised() {
        assertThat(feedAll("<reas", "oning>a", "b</rea", "soning>c")).containsExactly(new Segment(true, "a"),
                new Segment(true, "b"), new Segment(false, "c"));
    }

    @Test
    void aLessThanSignThatIsNoTagIsText() {
        assertThat(feedAll("1 <", " 2")).containsExactly(new Segment(false, "1 "), new Segment(false, "< 2"));
        assertThat(feedAll("x <re")).containsExactly(new Segment(false, "x "), new Segment(false, "<re"));
    }

    @Test
    void unclosedReasoningStaysReasoning() {
        assertThat(feedAll("<reasoning>cut off by max tokens")).containsExactly(new Segment(true, "cut off by max tokens"));
    }

    @Test
    void piecesWithoutTagsKeepTheSideTheyAreOn() {
        assertThat(feedAll("<reasoning>", "deep ", "", "thought", "</reasoning>", "Answer", " more")).containsExactly(
                new Segment(true, "deep "), new Segment(true, "thought"), new Segment(false, "Answer"),
                new Segment(false, " more"));
    }
}
