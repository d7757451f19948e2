package dev.metronome.cli.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" for mistyped keys and names: the closest known word by edit distance, when it is
 * close enough to be a plausible typo.
 */
public final class Suggestions {

    private Suggestions() {}

    /**
     * Finds the closest known word.
     *
     * @param typed what the user wrote
     * @param known the words that are valid here
     * @return the nearest word within an edit distance of {@code max(2, length / 3)}, or empty when
     *     none is that close (or the distance is as long as the word itself)
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, lower.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance.apply(lower, candidate.toLowerCase(Locale.ROOT));
            // -1: farther than the limit. A distance as long as the word means nothing in common.
            if (d >= 0 && d < bestDistance && d < lower.length()) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Formats a hint for an error message.
     *
     * @param typed what the user wrote
     * @param known the valid words
     * @return {@code "; did you mean 'x'?"}, or an empty string
     */
    public static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(word -> "; did you mean '" + word + "'?").orElse("");
    }

    /**
     * Lists words for "expected" clauses: {@code a, b or c}.
     *
     * @param words the words, in order
     * @return the list in prose
     */
    public static String oneOf(Collection<String> words) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (String word : words) {
            if (i > 0) {
                text.append(i == words.size() - 1 ? " or " : ", ");
            }
            text.append(word);
            i++;
        }
        return text.toString();
    }
}
