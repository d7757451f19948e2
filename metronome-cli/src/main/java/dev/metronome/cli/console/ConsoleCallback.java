package dev.metronome.cli.console;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.TrainBeginEvent;
import dev.metronome.callback.event.TrainEndEvent;
import dev.metronome.time.Clock;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Shows training on the console. In {@link ConsoleMode#PROGRESS} a progress bar (step of total,
 * epoch, loss, samples/s, ETA, next evaluation and save) with evaluations, saves and the end
 * printed above it; in {@link ConsoleMode#PLAIN} one line per event; in {@link ConsoleMode#QUIET}
 * only evaluations, saves and the end. Lines are those of {@link ConsoleFormat}.
 */
public final class ConsoleCallback implements Callback {

    /** How often the progress bar's message is rebuilt, at most. */
    static final long BAR_REFRESH_NANOS = 200_000_000L;

    private final ConsoleMode mode;
    private final PrintStream out;
    private final Clock clock;
    private final String header;
    private ProgressDisplay bar;
    private double lastLoss = Double.NaN;
    private double lastSamplesPerSecond = Double.NaN;
    private long lastBarUpdateNanos = Long.MIN_VALUE;

    /**
     * Creates the callback.
     *
     * @param mode progress bar, plain lines or quiet
     * @param out where to write (standard output)
     * @param clock for throttling the progress bar
     * @param header the first line of a run, for example
     *     {@code training mlp on fashion-mnist-mini → runs/20260101-120000}; null for none
     */
    public ConsoleCallback(ConsoleMode mode, PrintStream out, Clock clock, String header) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.header = header;
    }

    @Override
    public void onTrainBegin(TrainBeginEvent event) {
        if (mode != ConsoleMode.QUIET) {
            if (header != null) {
                out.println(header);
            }
            if (event.resumed()) {
                out.println("resumed from " + event.resumedFrom() + " at step " + event.view().step());
            }
        }
        if (mode == ConsoleMode.PROGRESS) {
            bar = ProgressDisplay.start(out, event.view());
        }
    }

    @Override
    public void onStepEnd(StepEndEvent event, TrainingControl control) {
        if (bar == null) {
            return;
        }
        long now = clock.monotonicNanos();
        if (lastBarUpdateNanos == Long.MIN_VALUE || now - lastBarUpdateNanos >= BAR_REFRESH_NANOS) {
            lastBarUpdateNanos = now;
            if (Double.isNaN(lastLoss)) {
                lastLoss = event.outcome().loss();
            }
            bar.update(event.view(), ConsoleFormat.progress(event.view(), lastLoss, lastSamplesPerSecond));
        }
    }

    @Override
    public void onLog(LogEvent event) {
        lastLoss = event.loss();
        lastSamplesPerSecond = event.samplesPerSecond();
        if (mode == ConsoleMode.PLAIN) {
            out.println(ConsoleFormat.log(event));
        }
    }

    @Override
    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
        line(ConsoleFormat.evaluation(event));
    }

    @Override
    public void onSave(SaveEvent event) {
        line(ConsoleFormat.save(event));
    }

    @Override
    public void onTrainEnd(TrainEndEvent event) {
        if (bar != null) {
            bar.close(event.view());
            bar = null;
        }
        out.println(ConsoleFormat.end(event));
        out.flush();
    }

    private void line(String text) {
        if (bar != null) {
            bar.printAbove(text);
        } else {
            out.println(text);
        }
    }
}
