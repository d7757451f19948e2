package dev.metronome.cli.console;

import dev.metronome.callback.event.TrainerView;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/**
 * The live progress bar of an interactive run: one line ({@link BarLine}) showing the progress
 * towards the limit that ends the run first ({@link LimitProgress}), redrawn in place on the loop
 * thread. Lines printed with {@link #printAbove} go above the bar, which is then drawn again.
 */
final class ProgressDisplay {

    private final PrintStream out;
    private final IntSupplier width;
    private String lastLine = "";

    private ProgressDisplay(PrintStream out, IntSupplier width) {
        this.out = out;
        this.width = width;
    }

    static ProgressDisplay start(PrintStream out, TrainerView view) {
        ConsoleProgressBarConsumer terminal = new ConsoleProgressBarConsumer(out);
        ProgressDisplay display = new ProgressDisplay(out, terminal::getMaxRenderedLength);
        display.update(view, "");
        return display;
    }

    /**
     * Redraws the bar for the view's step and time with a message.
     *
     * @param view the trainer
     * @param message what to show after the limit's description
     */
    void update(TrainerView view, String message) {
        lastLine = BarLine.render(LimitProgress.of(view), message, width.getAsInt());
        out.print("\r" + lastLine + "\u001b[K");
        out.flush();
    }

    /**
     * Prints a line above the bar and draws the bar again below it.
     *
     * @param line the line
     */
    void printAbove(String line) {
        out.print("\r\u001b[K" + line + System.lineSeparator() + lastLine);
        out.flush();
    }

    /**
     * Draws the final state and ends the bar's line.
     *
     * @param view the trainer
     */
    void close(TrainerView view) {
        update(view, String.format(Locale.ROOT, "epoch %.2f", view.epochProgress()));
        out.println();
        out.flush();
    }
}
