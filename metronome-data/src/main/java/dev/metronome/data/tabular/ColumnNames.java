package dev.metronome.data.tabular;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds a column by name and, when it is missing, the closest name the user may have meant. */
final class ColumnNames {

    /** How many column names an error lists before "… and N more". */
    static final int MAX_LISTED = 20;

    private ColumnNames() {
    }

    /**
     * @return the column name closest to {@code wanted}: an exact case-insensitive match, else the
     *     nearest name within edit distance {@code max(2, length / 3)}, where a name that starts with
     *     {@code wanted} counts as distance 1; empty if none is that close, or the
     *     distance is as large as {@code wanted} itself
     */
    static Optional<String> closest(String wanted, List<String> columns) {
        String lower = wanted.toLowerCase(Locale.ROOT);
        for (String column : columns) {
            if (column.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(column);
            }
        }
        String best = null;
        int bestDistance = Math.max(2, wanted.length() / 3) + 1;
        for (String column : columns) {
            String candidate = column.toLowerCase(Locale.ROOT);
            int distance = candidate.startsWith(lower) ? 1 : editDistance(lower, candidate);
            // A distance as large as the name itself means nothing in common: no suggestion.
            if (distance < bestDistance && distance < wanted.length()) {
                bestDistance = distance;
                best = column;
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return {@code "; did you mean 'x'? (columns: a, b)"}, or {@code " (columns: a, b)"} without a close name */
    static String suggestion(String wanted, List<String> columns) {
        String hint = closest(wanted, columns).map(name -> "; did you mean '" + name + "'?").orElse("");
        int shown = Math.min(columns.size(), MAX_LISTED);
        String listed = String.join(", ", columns.subList(0, shown))
                + (shown < columns.size() ? ", … and " + (columns.size() - shown) + " more" : "");
        return hint + " (" + (shown < columns.size() ? columns.size() + " " : "") + "columns: " + listed + ")";
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
