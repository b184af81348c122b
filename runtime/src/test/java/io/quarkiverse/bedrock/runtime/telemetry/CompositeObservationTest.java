package io.quarkiverse.bedrock.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Chunks after the first reach only the observations that time every chunk. */
class CompositeObservationTest {

    /** Notes what it is told, under a name. */
    private static final class Noting implements Observation {
        private final String name;
        private final boolean everyChunk;
        private final List<String> heard;

        Noting(String name, boolean everyChunk, List<String> heard) {
            this.name = name;
            this.everyChunk = everyChunk;
            this.heard = heard;
        }

        @Override
        public void firstChunk(long sinceStart) {
            heard.add(name + " first " + sinceStart);
        }

        @Override
        public void nextChunk(long sincePrevious) {
            heard.add(name + " next " + sincePrevious);
        }

        @Override
        public Observation everyChunk() {
            return everyChunk ? this : null;
        }

        @Override
        public void succeeded(Outcome outcome) {
        }

        @Override
        public void failed(Throwable failure) {
        }

        @Override
        public void cancelled() {
        }
    }

    private final List<String> heard = new ArrayList<>();

    @Test
    void theOneObservationThatTimesEveryChunkIsTheOneToTell() {
        Noting span = new Noting("span", false, heard);
        Noting meters = new Noting("meters", true, heard);
        CompositeObservation both = new CompositeObservation(new Observation[] { span, meters });

        both.firstChunk(7);
        Observation every = both.everyChunk();
        every.nextChunk(3);

        assertThat(every).isSameAs(meters);
        assertThat(heard).containsExactly("span first 7", "meters first 7", "meters next 3");
    }

    @Test
    void severalThatTimeEveryChunkAreAllTold() {
        CompositeObservation all = new CompositeObservation(new Observation[] { new Noting("a", true, heard),
                new Noting("span", false, heard), new Noting("b", true, heard) });

        all.everyChunk().nextChunk(5);

        assertThat(heard).containsExactly("a next 5", "b next 5");
    }

    @Test
    void noneThatTimesEveryChunkMeansNothingToTell() {
        CompositeObservation spans = new CompositeObservation(
                new Observation[] { new Noting("span", false, heard), new Noting("recent", false, heard) });

        assertThat(spans.everyChunk()).isNull();
    }
}
