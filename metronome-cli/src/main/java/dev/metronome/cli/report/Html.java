package dev.metronome.cli.report;

/**
 * Escaping for text placed in HTML or inline SVG. Everything the report shows that came from a
 * file (config values, metric names, dataset names, error messages) goes through here: the
 * report's files are user input and must never become markup.
 */
public final class Html {

    private Html() {}

    /**
     * Escapes text for an element body or a quoted attribute value. The five characters with a
     * meaning in markup become character references; control characters other than tab, line feed
     * and carriage return (which HTML does not allow) become U+FFFD.
     *
     * @param text any text; {@code null} becomes the empty string
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> isForbiddenControl(c) ? "\uFFFD" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }
}
