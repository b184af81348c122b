package io.quarkiverse.bedrock.runtime.family.openai;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits gpt-oss content into reasoning and answer text: gpt-oss on Bedrock writes its reasoning inline, inside
 * {@code <reasoning>...</reasoning>} tags. Streamed content is fed piece by piece; a tag cut between two pieces is held
 * back until the next piece tells what it is. One instance per answer; not thread-safe.
 */
final class ReasoningSplitter {

    static final String OPEN = "<reasoning>";
    static final String CLOSE = "</reasoning>";

    /**
     * A run of content.
     *
     * @param reasoning true for reasoning, false for answer text
     * @param text the characters, never empty
     */
    record Segment(boolean reasoning, String text) {
    }

    private boolean inReasoning;
    private String pending = "";

    /**
     * @param content the next piece of content
     * @return the segments it completes, in order
     */
    List<Segment> feed(String content) {
        if (pending.isEmpty() && content.indexOf('<') < 0) {
            // nearly every streamed piece: no tag, nor the start of one, so one segment and no list to grow
            return content.isEmpty() ? List.of() : List.of(new Segment(inReasoning, content));
        }
        List<Segment> out = new ArrayList<>();
        String text = pending.isEmpty() ? content : pending + content;
        pending = "";
        int from = 0;
        while (from < text.length()) {
            String tag = inReasoning ? CLOSE : OPEN;
            int at = text.indexOf(tag, from);
            if (at >= 0) {
                add(out, text.substring(from, at));
                inReasoning = !inReasoning;
                from = at + tag.length();
                continue;
            }
            int keep = partialTagSuffix(text, from, tag);
            add(out, text.substring(from, text.length() - keep));
            pending = text.substring(text.length() - keep);
            break;
        }
        return out;
    }

    /** @return what was held back, once the content has ended (a cut tag that never completed is plain text) */
    List<Segment> finish() {
        List<Segment> out = new ArrayList<>();
        add(out, pending);
        pending = "";
        return out;
    }

    private void add(List<Segment> out, String text) {
        if (!text.isEmpty()) {
            out.add(new Segment(inReasoning, text));
        }
    }

    /** The length of the longest end of {@code text} (from {@code from}) that is a start of {@code tag}. */
    private static int partialTagSuffix(String text, int from, String tag) {
        int max = Math.min(tag.length() - 1, text.length() - from);
        for (int n = max; n > 0; n--) {
            if (text.regionMatches(text.length() - n, tag, 0, n)) {
                return n;
            }
        }
        return 0;
    }
}
