package dev.metronome.cli.export;

import dev.metronome.metrics.MetricEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a run's {@code metrics.jsonl} says about how it went: how often each action fired and what
 * fired it, why it stopped, how long it took, and where the best evaluation was.
 *
 * @param logs number of log events
 * @param evaluations number of evaluations
 * @param saves number of saves
 * @param resumes number of resumptions
 * @param evaluationCauses what fired the evaluations ({@code 10s}, {@code end}, …) and how often, in first-seen order
 * @param saveCauses what fired the saves and how often
 * @param stopReason the last {@code end} event's {@code stop_reason}, if any
 * @param activeSeconds active run time at the last event
 * @param bestEvaluationStep the step of the last evaluation that improved the best metric, if any
 */
record RunRhythm(long logs, long evaluations, long saves, long resumes, Map<String, Long> evaluationCauses,
        Map<String, Long> saveCauses, Optional<String> stopReason, double activeSeconds, Optional<Long> bestEvaluationStep) {

    static RunRhythm of(List<MetricEvent> events) {
        long logs = 0;
        long evaluations = 0;
        long saves = 0;
        long resumes = 0;
        Map<String, Long> evaluationCauses = new LinkedHashMap<>();
        Map<String, Long> saveCauses = new LinkedHashMap<>();
        String stopReason = null;
        double active = 0;
        Long best = null;
        for (MetricEvent event : events) {
            active = Math.max(active, event.elapsedSeconds());
            switch (event.type()) {
                case LOG -> logs++;
                case EVAL -> {
                    evaluations++;
                    evaluationCauses.merge(text(event, "eval_cause"), 1L, Long::sum);
                    OptionalDouble improved = event.number("eval_improved");
                    if (improved.isPresent() && improved.getAsDouble() == 1) {
                        best = event.step();
                    }
                }
                case SAVE -> {
                    saves++;
                    saveCauses.merge(text(event, "save_cause"), 1L, Long::sum);
                }
                case RESUME -> resumes++;
                case END -> stopReason = event.values().get("stop_reason") instanceof String reason ? reason : stopReason;
            }
        }
        return new RunRhythm(logs, evaluations, saves, resumes, evaluationCauses, saveCauses,
                Optional.ofNullable(stopReason), active, Optional.ofNullable(best));
    }

    /** @return e.g. {@code 7 (6 × 10s, 1 × end)} */
    static String describe(long count, Map<String, Long> causes) {
        if (count == 0) {
            return "0";
        }
        StringBuilder text = new StringBuilder().append(count).append(" (");
        boolean first = true;
        for (Map.Entry<String, Long> cause : causes.entrySet()) {
            text.append(first ? "" : ", ").append(cause.getValue()).append(" × ").append(cause.getKey());
            first = false;
        }
        return text.append(')').toString();
    }

    private static String text(MetricEvent event, String name) {
        return event.values().get(name) instanceof String value ? value : "unknown";
    }
}
