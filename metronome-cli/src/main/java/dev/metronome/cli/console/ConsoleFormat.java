package dev.metronome.cli.console;

import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.TrainEndEvent;
import dev.metronome.callback.event.TrainerView;
import dev.metronome.schedule.Action;
import dev.metronome.task.Evaluation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words of the console: one readable line per event, and the progress bar's message. Pure
 * functions of the events and the live {@link TrainerView}, so they can be tested without a terminal.
 */
public final class ConsoleFormat {

    /** Metrics shown in an evaluation line, in this order, when the evaluation has them. */
    public static final List<String> SHOWN_METRICS = List.of("loss", "accuracy", "f1_macro", "roc_auc", "pr_auc");

    private static final String DOT = " · ";

    private ConsoleFormat() {}

    /**
     * Formats an evaluation: {@code eval @ step 1200 (2m10s): loss 0.412 · accuracy 0.861 · f1_macro 0.850 [10s]},
     * with {@code · best} when it improved the best metric.
     *
     * @param event the evaluation
     * @return the line
     */
    public static String evaluation(EvaluateEvent event) {
        TrainerView view = event.view();
        Evaluation evaluation = event.evaluation();
        List<String> parts = new ArrayList<>();
        for (String name : SHOWN_METRICS) {
            Double value = evaluation.metrics().get(name);
            if (value != null) {
                parts.add(name + " " + number(value));
            }
        }
        String best = view.bestMetricName();
        if (!SHOWN_METRICS.contains(best) && evaluation.metrics().containsKey(best)) {
            parts.add(best + " " + number(evaluation.metrics().get(best)));
        }
        return "eval @ step " + view.step() + " (" + duration(seconds(view)) + "): " + String.join(DOT, parts)
                + (event.verdict().improved() ? DOT + "best" : "") + " [" + event.cause() + "]";
    }

    /**
     * Formats a completed save: {@code save @ step 1500 (2m40s): checkpoints/checkpoint-1500 · 1.2 MB in 0.3s [30s]}.
     *
     * @param event the save
     * @return the line
     */
    public static String save(SaveEvent event) {
        StringBuilder line = new StringBuilder("save @ step ").append(event.checkpointStep())
                .append(" (").append(duration(seconds(event.view()))).append("): ").append(event.checkpoint())
                .append(DOT).append(bytes(event.bytes())).append(" in ").append(duration(event.durationNanos() / 1e9));
        if (!event.deleted().isEmpty()) {
            line.append(DOT).append("removed ").append(String.join(", ", event.deleted().stream().map(ConsoleFormat::lastPart).toList()));
        }
        return line.append(" [").append(event.cause()).append("]").toString();
    }

    /**
     * Formats a log event for plain output:
     * {@code step 1200/5000 (2m10s) · epoch 1.50 · loss 0.313 · 5120 samples/s · next eval in 7s · next save in 23s}.
     *
     * @param event the log event
     * @return the line
     */
    public static String log(LogEvent event) {
        TrainerView view = event.view();
        return "step " + stepOfTotal(view) + " (" + duration(seconds(view)) + ")" + DOT + progress(view, event.loss(),
                event.samplesPerSecond());
    }

    /**
     * Formats what the progress bar shows after the step count:
     * {@code epoch 1.50 · loss 0.313 · 5120 samples/s · next eval in 7s · next save in 23s}; a firing that
     * would come after the end of the run reads {@code at end}.
     *
     * @param view the trainer
     * @param loss the latest logged training loss, NaN if none yet
     * @param samplesPerSecond the latest logged throughput, NaN if none yet
     * @return the message
     */
    public static String progress(TrainerView view, double loss, double samplesPerSecond) {
        List<String> parts = new ArrayList<>();
        parts.add("epoch " + String.format(Locale.ROOT, "%.2f", view.epochProgress()));
        if (!Double.isNaN(loss)) {
            parts.add("loss " + number(loss));
        }
        if (!Double.isNaN(samplesPerSecond)) {
            parts.add(String.format(Locale.ROOT, "%.0f samples/s", samplesPerSecond));
        }
        Optional<Duration> end = remaining(view);
        next(view, Action.EVALUATE, end).ifPresent(text -> parts.add("next eval " + text));
        next(view, Action.SAVE, end).ifPresent(text -> parts.add("next save " + text));
        return String.join(DOT, parts);
    }

    /**
     * Says when an action fires next: {@code in 7s}, or {@code at end} when its next scheduled firing
     * would come after the run's end (and the action runs at the end); never a firing after the end.
     */
    private static Optional<String> next(TrainerView view, Action action, Optional<Duration> end) {
        Optional<Duration> due = nextDue(view, action);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        if (end.isPresent() && due.get().compareTo(end.get()) >= 0) {
            return view.firesAtEnd(action) ? Optional.of("at end") : Optional.empty();
        }
        return Optional.of("in " + duration(due.get().toNanos() / 1e9));
    }

    /**
     * Formats the end of training: {@code done @ step 5000 (1m00s): max_time · best loss 0.401}, followed by
     * {@code · final model: the best, step 4800 (loaded)} when the run loaded its best at the end.
     *
     * @param event the end
     * @return the line
     */
    public static String end(TrainEndEvent event) {
        TrainerView view = event.view();
        String head = " @ step " + view.step() + " (" + duration(seconds(view)) + ")";
        if (event.failed()) {
            return "failed" + head;
        }
        String word = event.reason().isSignal() ? "stopped" : "done";
        String best = Double.isNaN(view.bestValue()) ? "" : DOT + "best " + view.bestMetricName() + " " + number(view.bestValue());
        String loaded = view.loadedBestStep().isPresent()
                ? DOT + "final model: the best, step " + view.loadedBestStep().getAsLong() + " (loaded)" : "";
        return word + head + ": " + event.reason().key() + best + loaded;
    }

    /**
     * Estimates the time left until the limit that ends the run first (see {@link LimitProgress}):
     * the step budget at the measured step time, or the time limit minus the elapsed time.
     *
     * @param view the trainer
     * @return the estimate, if either is known
     */
    public static Optional<Duration> remaining(TrainerView view) {
        return LimitProgress.of(view).remaining();
    }

    /**
     * Formats a length of time compactly: {@code <0.1s}, {@code 0.4s}, {@code 7s}, {@code 2m10s}, {@code 1h02m}.
     *
     * @param seconds the length in seconds
     * @return the text
     */
    public static String duration(double seconds) {
        if (seconds > 0 && seconds < 0.05) {
            return "<0.1s";
        }
        if (seconds > 0 && seconds < 0.95) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + "s";
        }
        if (whole < 3600) {
            return (whole / 60) + "m" + String.format(Locale.ROOT, "%02d", whole % 60) + "s";
        }
        return (whole / 3600) + "h" + String.format(Locale.ROOT, "%02d", (whole % 3600) / 60) + "m";
    }

    /**
     * Formats a metric value with three decimals (scientific for tiny values).
     *
     * @param value the value
     * @return for example {@code 0.412}, {@code 2.303}, {@code 1.2e-05}, {@code nan}
     */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && magnitude < 0.001) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        return String.format(Locale.ROOT, magnitude >= 1000 ? "%.1f" : "%.3f", value);
    }

    /**
     * Formats a size in bytes: {@code 512 B}, {@code 4.0 KB}, {@code 1.2 MB}, {@code 3.4 GB} (powers of 1024).
     *
     * @param bytes the size
     * @return the text
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * Formats the step count: {@code 1200/5000} when the total is known, else {@code 1200}.
     *
     * @param view the trainer
     * @return the text
     */
    public static String stepOfTotal(TrainerView view) {
        return view.step() + (view.totalSteps().isPresent() ? "/" + view.totalSteps().getAsLong() : "");
    }

    private static Optional<Duration> nextDue(TrainerView view, Action action) {
        return view.nextDue(action).estimate(view.stepNanos());
    }

    private static double seconds(TrainerView view) {
        return view.elapsed().wallNanos() / 1e9;
    }

    private static String lastPart(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
