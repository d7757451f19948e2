package dev.metronome.cli.console;

/**
 * Renders the progress bar's one line:
 * {@code train  50% │██████████▏         │ 10s of 20s, 10s left · step 26 · epoch 0.18 · loss 0.512 · next save at end},
 * cut to the terminal's width. A pure function, so the line can be tested without a terminal.
 */
public final class BarLine {

    /** Cells of the bar between its two edges. */
    public static final int BAR_CELLS = 20;

    private static final String EIGHTHS = " ▏▎▍▌▋▊▉";
    private static final char FULL = '█';

    private BarLine() {}

    /**
     * Renders the line.
     *
     * @param progress progress towards the limit that ends the run first
     * @param message what follows the limit's description (epoch, loss, next actions); empty for none
     * @param width the terminal's width in characters; 0 or less for no limit
     * @return the line, without a line break, at most {@code width} characters long
     */
    public static String render(LimitProgress progress, String message, int width) {
        StringBuilder line = new StringBuilder("train ").append(progress.percent()).append(" │")
                .append(bar(progress.fraction())).append("│ ").append(progress.describe());
        if (!message.isEmpty()) {
            line.append(" · ").append(message);
        }
        return width > 0 && line.length() > width ? line.substring(0, width) : line.toString();
    }

    /**
     * Draws the filled part of the bar in eighths of a cell.
     *
     * @param fraction in [0, 1]
     * @return exactly {@link #BAR_CELLS} characters
     */
    static String bar(double fraction) {
        int eighths = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * BAR_CELLS * 8);
        StringBuilder cells = new StringBuilder(BAR_CELLS);
        cells.append(String.valueOf(FULL).repeat(eighths / 8));
        if (eighths % 8 != 0) {
            cells.append(EIGHTHS.charAt(eighths % 8));
        }
        while (cells.length() < BAR_CELLS) {
            cells.append(' ');
        }
        return cells.toString();
    }
}
