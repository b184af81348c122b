package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's notion of a token: a word with the whitespace before it. Streams send one token per event and usage
 * counts tokens this way, so counts always agree with the text.
 */
final class Tokens {

    private Tokens() {
    }

    /** @param text any text @return its tokens; joined, they give the text back */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                // trailing whitespace belongs to the last token
                if (out.isEmpty()) {
                    out.add(text.substring(start));
                } else {
                    out.set(out.size() - 1, out.get(out.size() - 1) + text.substring(start));
                }
                break;
            }
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.add(text.substring(start, i));
            start = i;
        }
        return out;
    }

    /** @param text any text @return how many tokens it has */
    static int count(String text) {
        return split(text).size();
    }
}
