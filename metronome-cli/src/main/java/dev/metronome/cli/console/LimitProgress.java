package dev.metronome.cli.console;

import dev.metronome.callback.event.TrainerView;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a run has come towards the limit that will end it first: the time budget
 * ({@code max_time}) or the step budget ({@code max_steps}, {@code max_epochs}). With both, the one
 * expected to end the run sooner is shown. A pure value, computed from the stop conditions, the
 * elapsed time and the step, so it can be tested without a terminal or a clock.
 *
 * @param kind which limit is shown
 * @param fraction the part of that limit used, in [0, 1]
 * @param step the last completed step
 * @param totalSteps the step budget, if steps or epochs bound the run
 * @param elapsed the run's active wall time
 * @param budget the time limit, if {@code max_time} bounds the run
 * @param remaining the time left until the end: exact for a time limit, estimated from the measured
 *     step time for a step budget; empty when not yet known
 */
public record LimitProgress(Kind kind, double fraction, long step, OptionalLong totalSteps, Duration elapsed,
        Optional<Duration> budget, Optional<Duration> remaining) {

    /** Which limit a progress display follows. */
    public enum Kind {
        /** The time budget ends the run first. */
        TIME,
        /** The step budget (steps or epochs) ends the run first. */
        STEPS
    }

    /**
     * Reads the progress of a live run.
     *
     * @param view the trainer
     * @return the progress towards the limit that ends the run first
     */
    public static LimitProgress of(TrainerView view) {
        return of(view.totalSteps(), view.maxTime(), view.step(), Duration.ofNanos(view.elapsed().wallNanos()),
                view.stepNanos());
    }

    /**
     * Computes the progress from the stop conditions.
     *
     * @param totalSteps the step budget, if any
     * @param maxTime the time budget, if any
     * @param step the last completed step
     * @param elapsed active wall time so far
     * @param stepNanos measured duration of one step in nanoseconds, 0 if not yet known
     * @return the progress towards the limit that ends the run first; with neither limit set, a step
     *     count without a fraction
     */
    public static LimitProgress of(OptionalLong totalSteps, Optional<Duration> maxTime, long step, Duration elapsed,
            double stepNanos) {
        LimitProgress bySteps = null;
        if (totalSteps.isPresent()) {
            long total = totalSteps.getAsLong();
            Optional<Duration> eta = stepNanos > 0
                    ? Optional.of(Duration.ofNanos((long) (Math.max(0, total - step) * stepNanos)))
                    : Optional.empty();
            bySteps = new LimitProgress(Kind.STEPS, clamp(total <= 0 ? 1 : (double) step / total), step, totalSteps,
                    elapsed, maxTime, eta);
        }
        if (maxTime.isEmpty()) {
            return bySteps != null ? bySteps
                    : new LimitProgress(Kind.STEPS, 0, step, totalSteps, elapsed, maxTime, Optional.empty());
        }
        Duration budget = maxTime.get();
        Duration left = budget.minus(elapsed);
        left = left.isNegative() ? Duration.ZERO : left;
        LimitProgress byTime = new LimitProgress(Kind.TIME,
                clamp(budget.isZero() ? 1 : (double) elapsed.toNanos() / budget.toNanos()), step, totalSteps, elapsed,
                maxTime, Optional.of(left));
        if (bySteps == null) {
            return byTime;
        }
        if (bySteps.remaining.isPresent()) {
            return bySteps.remaining.get().compareTo(left) < 0 ? bySteps : byTime;
        }
        return bySteps.fraction > byTime.fraction ? bySteps : byTime;
    }

    /**
     * Describes the progress in words:
     * {@code 10s of 20s, 10s left · step 26} for a time limit,
     * {@code step 26/52, 10s left} for a step budget ({@code step 26/52} before the step time is known).
     *
     * @return the text shown beside the bar
     */
    public String describe() {
        String left = remaining.map(time -> ", " + ConsoleFormat.duration(time.toNanos() / 1e9) + " left").orElse("");
        if (kind == Kind.TIME) {
            return ConsoleFormat.duration(elapsed.toNanos() / 1e9) + " of "
                    + ConsoleFormat.duration(budget.orElseThrow().toNanos() / 1e9) + left + " · step " + step;
        }
        return "step " + step + totalSteps.stream().mapToObj(total -> "/" + total).findFirst().orElse("") + left;
    }

    /** @return the fraction as a whole percentage, for example {@code  50%} (three digits wide) */
    public String percent() {
        return String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }
}
