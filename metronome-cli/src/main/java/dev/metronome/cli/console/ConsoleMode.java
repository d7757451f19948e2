package dev.metronome.cli.console;

/** How training reports itself on the terminal. */
public enum ConsoleMode {
    /** A live progress bar; evaluations, saves and the end printed above it as lines. */
    PROGRESS,
    /** One line per event (log, evaluation, save, end): for logs, pipes and CI. */
    PLAIN,
    /** Only evaluations, saves and the end. */
    QUIET;

    /**
     * Chooses the mode for this process.
     *
     * @param quiet whether {@code --quiet} was given
     * @param terminal whether standard output is a terminal ({@code System.console() != null})
     * @return {@link #QUIET} if asked, else {@link #PROGRESS} on a terminal, {@link #PLAIN} otherwise
     */
    public static ConsoleMode choose(boolean quiet, boolean terminal) {
        if (quiet) {
            return QUIET;
        }
        return terminal ? PROGRESS : PLAIN;
    }
}
