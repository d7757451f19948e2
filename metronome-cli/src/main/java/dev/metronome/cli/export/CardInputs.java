package dev.metronome.cli.export;

import dev.metronome.cli.report.ExplainResult;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.provenance.RunProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the model card is written from.
 *
 * @param runName the run directory's name
 * @param provenance the run's {@code run.json}
 * @param events the run's metric events, in file order (may be empty)
 * @param export what was exported: checkpoint, step, parameter hash, parameters licence
 * @param modelSha256 SHA-256 of the bundle's {@code model.safetensors}
 * @param explain the run's {@code explain.json}, if it has one
 * @param intendedUse what the model is for, as the publisher states it; empty for the default text of its data
 * @param metronomeVersion the Metronome writing the card
 */
record CardInputs(String runName, RunProvenance provenance, List<MetricEvent> events, ExportRecord export,
        String modelSha256, Optional<ExplainResult> explain, Optional<String> intendedUse, String metronomeVersion) {

    /** Checks for nulls and copies the list. */
    public CardInputs {
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(provenance, "provenance");
        events = List.copyOf(events);
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(explain, "explain");
        Objects.requireNonNull(intendedUse, "intendedUse");
        Objects.requireNonNull(metronomeVersion, "metronomeVersion");
    }

    /** @return when the bundle was exported */
    public Instant exportedAt() {
        return export.exportedAt();
    }

    /**
     * Reads a text value of the recorded configuration.
     *
     * @param pointer a JSON pointer, e.g. {@code /model/name}
     * @return the value as text, or {@code null} when absent or null
     */
    String config(String pointer) {
        var node = provenance.config().at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }
}
