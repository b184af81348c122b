package io.quarkiverse.bedrock.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes deterministic text: the same prompt always gets the same words, a different prompt usually different ones.
 */
final class TextGenerator {

    private static final String[] WORDS = { "the", "emulated", "model", "answers", "with", "words", "that", "follow",
            "a", "fixed", "pattern", "so", "tests", "can", "predict", "every", "token", "it", "streams", "back", "to",
            "you", "bedrock", "quarkus", "river", "stone", "light", "quiet", "bright", "garden", "signal", "cloud",
            "paper", "orbit", "echo", "simple", "steady", "north", "amber", "field", "harbor", "lantern", "meadow",
            "pixel", "rhythm", "summit", "thread", "velvet", "window", "canvas", "ember", "falcon", "glacier", "horizon",
            "island", "jasmine", "kernel", "lattice", "marble", "nectar", "oasis", "prairie", "quartz", "ripple" };

    private TextGenerator() {
    }

    /**
     * @param seedText text choosing the words (the prompt)
     * @param count how many tokens
     * @return {@code count} tokens, the first capitalised, the last ending with a full stop
     */
    static List<String> tokens(String seedText, int count) {
        long state = seed(seedText);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            String word = WORDS[(int) ((state >>> 33) % WORDS.length)];
            if (i == 0) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            } else {
                word = " " + word;
            }
            if (i == count - 1) {
                word = word + ".";
            }
            out.add(word);
        }
        return out;
    }

    /**
     * @param text a reasoning text
     * @return a signature for it, as Claude sends with thinking blocks (base64, stable for the same text)
     */
    static String signature(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            byte[] sig = new byte[digest.length * 2];
            System.arraycopy(digest, 0, sig, 0, digest.length);
            System.arraycopy(digest, 0, sig, digest.length, digest.length);
            sig[0] = 'E';
            return Base64.getEncoder().encodeToString(sig);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seed(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }
}
