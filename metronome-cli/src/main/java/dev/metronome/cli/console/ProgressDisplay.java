package dev.metronome.cli.console;

import dev.metronome.callback.event.TrainerView;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live progress bar of an interactive run, drawn by the {@code progressbar} library on its own
 * thread. Lines printed with {@link #printAbove} go above the bar; both share one lock so they never
 * interleave. The ETA is Metronome's own ({@link ConsoleFormat#remaining}), which knows time limits.
 */
final class ProgressDisplay {

    private final ProgressBar bar;
    private final BarConsumer consumer;
    private volatile Optional<Duration> remaining = Optional.empty();

    private ProgressDisplay(PrintStream out, TrainerView view) {
        this.consumer = new BarConsumer(out);
        long total = view.totalSteps().isPresent() ? view.totalSteps().getAsLong() : -1;
        this.remaining = ConsoleFormat.remaining(view);
        this.bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(total)
                .startsFrom(view.step(), Duration.ZERO)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(250)
                .setConsumer(consumer)
                .setEtaFunction(state -> remaining)
                .build();
    }

    static ProgressDisplay start(PrintStream out, TrainerView view) {
        return new ProgressDisplay(out, view);
    }

    /**
     * Moves the bar to the view's step and sets its message.
     *
     * @param view the trainer
     * @param message what to show after the bar
     */
    void update(TrainerView view, String message) {
        remaining = ConsoleFormat.remaining(view);
        bar.stepTo(view.step());
        bar.setExtraMessage(message);
    }

    /**
     * Prints a line above the bar.
     *
     * @param line the line
     */
    void printAbove(String line) {
        consumer.printLine(line);
        bar.refresh();
    }

    /**
     * Draws the final state and releases the bar's thread.
     *
     * @param view the trainer
     */
    void close(TrainerView view) {
        remaining = Optional.of(Duration.ZERO);
        bar.stepTo(view.step());
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, "epoch %.2f", view.epochProgress()));
        bar.close();
    }

    /** Draws the bar on one line that each rendering overwrites. */
    private static final class BarConsumer implements ProgressBarConsumer {
        private final PrintStream out;
        private final ConsoleProgressBarConsumer widthSource;

        BarConsumer(PrintStream out) {
            this.out = out;
            this.widthSource = new ConsoleProgressBarConsumer(out);
        }

        @Override
        public int getMaxRenderedLength() {
            return widthSource.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String rendered) {
            out.print("\r" + rendered + "\u001b[K");
            out.flush();
        }

        synchronized void printLine(String line) {
            out.print("\r\u001b[K" + line + System.lineSeparator());
            out.flush();
        }

        @Override
        public synchronized void close() {
            out.println();
            out.flush();
        }
    }
}
