package dev.metronome.loop;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricHistory;
import dev.metronome.schedule.StopReason;
import dev.metronome.time.ElapsedTime;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param steps the last completed 1-based global step
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
 *     {@link MetricHistory#DEFAULT_MAX_LOG_EVENTS} so memory stays bounded however long the run
 */
public record FitResult(
        long steps, double epochs, StopReason stopReason, ElapsedTime elapsed, List<EvaluationRecord> evaluations,
        String bestMetric, double bestValue, long bestStep, String lastCheckpoint, List<MetricEvent> history) {

    /** Copies the lists. */
    public FitResult {
        evaluations = List.copyOf(evaluations);
        history = List.copyOf(history);
    }

    /** @return the last evaluation, or null if none ran */
    public EvaluationRecord lastEvaluation() {
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
