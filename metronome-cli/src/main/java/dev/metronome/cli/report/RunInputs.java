package dev.metronome.cli.report;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.provenance.RunProvenance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the report is made from, already read from a run directory (see
 * {@link RunDirectoryReader}) or assembled by a test. Only the metric events are required; every
 * other input may be absent, and {@code notes} says why (missing, unreadable).
 *
 * @param runName the run directory's name, shown as the title
 * @param events the events of {@code metrics.jsonl} in file order
 * @param configYaml the text of {@code config.yaml}, shown verbatim
 * @param provenance the content of {@code run.json}
 * @param checkpoints the checkpoints found, in step order; empty when there are none
 * @param explain the content of {@code explain.json}
 * @param notes one sentence per input that is missing or could not be read, shown near the top
 */
public record RunInputs(
        String runName,
        List<MetricEvent> events,
        Optional<String> configYaml,
        Optional<RunProvenance> provenance,
        List<CheckpointRow> checkpoints,
        Optional<ExplainResult> explain,
        List<String> notes) {

    /** Checks for nulls and copies the lists. */
    public RunInputs {
        Objects.requireNonNull(runName, "runName");
        events = List.copyOf(events);
        Objects.requireNonNull(configYaml, "configYaml");
        Objects.requireNonNull(provenance, "provenance");
        checkpoints = List.copyOf(checkpoints);
        Objects.requireNonNull(explain, "explain");
        notes = List.copyOf(notes);
    }
}
