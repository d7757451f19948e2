package dev.metronome.loop;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricHistory;
import dev.metronome.schedule.StopReason;
import dev.metronome.task.Evaluation;
import dev.metronome.time.ElapsedTime;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param steps the step whose parameters the task holds at the end: the last completed 1-based global
 *     step, or the best evaluation's step when the best was loaded at the end
 * @param epochs completed epochs as a fraction
 * @param stopReason why training ended
 * @param elapsed the run's active time, accumulated across resumes
 * @param evaluations every evaluation of this session, in order
 * @param bestMetric the best metric's name
 * @param bestValue the best metric's best value, NaN if never evaluated
 * @param bestStep the step of {@code bestValue}, -1 if none
 * @param lastCheckpoint the newest checkpoint written in this session (relative to the run
 *     directory), or null
 * @param history this session's metric events, as {@code metrics.jsonl} would hold them: every
 *     evaluation, save and the end, and the log events thinned evenly to at most
 *     {@link MetricHistory#DEFAULT_MAX_LOG_EVENTS} so memory stays bounded however long the run.
 *     The loop itself records no metrics: it returns an empty history, and the layer that attached
 *     a {@link MetricHistory} (through a {@code MetricsCallback}) fills it in with
 *     {@link #withHistory(List)}, as {@code TrainingRun} and the Java API do
 * @param trainedSteps the last step trained, which is {@code steps} unless the best was loaded
 * @param bestLoaded whether the task ends with the parameters of the best evaluation
 *     ({@code ScheduleConfig.loadBestAtEnd()}); then {@link #lastEvaluation()} is that evaluation
 */
public record FitResult(
        long steps, double epochs, StopReason stopReason, ElapsedTime elapsed, List<EvaluationRecord> evaluations,
        String bestMetric, double bestValue, long bestStep, String lastCheckpoint, List<MetricEvent> history,
        long trainedSteps, boolean bestLoaded) {

    /** Copies the lists. */
    public FitResult {
        evaluations = List.copyOf(evaluations);
        history = List.copyOf(history);
    }

    /**
     * Returns this result with the given metric history.
     *
     * @param events the session's metric events, in order
     * @return a copy holding {@code events} as its history
     */
    public FitResult withHistory(List<MetricEvent> events) {
        return new FitResult(steps, epochs, stopReason, elapsed, evaluations, bestMetric, bestValue, bestStep,
                lastCheckpoint, events, trainedSteps, bestLoaded);
    }

    /**
     * Returns the final evaluation: the last one, or when the best was loaded at the end, the best
     * evaluation (of exactly the parameters the task holds).
     *
     * @return the evaluation, or null if none ran
     */
    public EvaluationRecord lastEvaluation() {
        if (bestLoaded) {
            for (int i = evaluations.size() - 1; i >= 0; i--) {
                if (evaluations.get(i).step() == steps) {
                    return evaluations.get(i);
                }
            }
        }
        return evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1);
    }

    /** @return whether training was interrupted by a signal */
    public boolean interrupted() {
        return stopReason != null && stopReason.isSignal();
    }

    /**
     * One evaluation in the run's history.
     *
     * @param step the step it ran at
     * @param elapsedSeconds active wall time when it started
     * @param evaluation its metrics
     * @param durationNanos how long it took
     */
    public record EvaluationRecord(long step, double elapsedSeconds, Evaluation evaluation, long durationNanos) {}
}
