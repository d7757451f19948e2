package dev.metronome.cli.export;

import java.util.List;
import java.util.Locale;

/** Small pieces of Markdown for the model card: escaped text, code spans, tables. */
final class Markdown {

    private Markdown() {}

    /**
     * Escapes text taken from a run (names, paths, configuration values) so that it cannot become
     * markup: table pipes, emphasis, links, HTML.
     */
    static String text(String raw) {
        if (raw == null) {
            return "—";
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.replaceAll("[\\r\\n]+", " ").toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '#', '<', '>' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A code span that holds any text (backticks inside become a longer fence; pipes are escaped for tables). */
    static String code(String raw) {
        if (raw == null) {
            return "—";
        }
        String value = raw.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
        String fence = value.contains("`") ? "`` " : "`";
        String close = value.contains("`") ? " ``" : "`";
        return fence + value + close;
    }

    /** A number with up to four decimals, {@code nan} for NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (Math.abs(value) < 1e-3) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A whole number with thousands separators, e.g. {@code 40,000}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * A table. Cells are used as given (escape them first).
     *
     * @param header the column titles
     * @param rows the rows, each as long as the header
     */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}
