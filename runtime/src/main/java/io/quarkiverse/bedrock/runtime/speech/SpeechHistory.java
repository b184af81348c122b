package io.quarkiverse.bedrock.runtime.speech;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The conversation a rollover replays into the next service session: the final transcripts of both sides and the tool
 * results, oldest first, consecutive texts of one role joined, the oldest dropped past {@link #MAX_CHARS}.
 */
final class SpeechHistory {

    /** What is kept at most, in characters: the service limits the history a prompt may carry. */
    static final int MAX_CHARS = 40_000;

    /** One turn: {@code USER} or {@code ASSISTANT}, and its text. */
    record Turn(String role, String text) {
    }

    private final Deque<Turn> turns = new ArrayDeque<>();
    private int chars;

    /** @param role USER or ASSISTANT @param text what was said */
    void add(String role, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Turn last = turns.peekLast();
        if (last != null && last.role().equals(role)) {
            turns.pollLast();
            chars -= last.text().length();
            text = last.text() + " " + text;
        }
        turns.addLast(new Turn(role, text));
        chars += text.length();
        while (chars > MAX_CHARS && turns.size() > 1) {
            chars -= turns.pollFirst().text().length();
        }
    }

    /** @return the turns, oldest first; the first one is a USER turn, as the service wants */
    List<Turn> turns() {
        List<Turn> out = new ArrayList<>(turns);
        while (!out.isEmpty() && !out.get(0).role().equals("USER")) {
            out.remove(0);
        }
        return out;
    }
}
