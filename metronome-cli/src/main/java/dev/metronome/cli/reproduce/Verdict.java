package dev.metronome.cli.reproduce;

import dev.metronome.cli.console.ConsoleFormat;
import dev.metronome.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MATCH or MISMATCH, and why. A reproduction matches when it reached the recorded final step, its
 * parameter hash equals the recorded one, and — when the recorded parameters of that step are at
 * hand (a bundle's {@code model.safetensors} of the final step, or the run's checkpoint of it) —
 * every tensor equals them bit for bit. Otherwise the lines name the first differing tensor and its
 * largest absolute difference.
 *
 * @param match whether everything agrees
 * @param lines the verdict, first line {@code MATCH: …} or {@code MISMATCH: …}
 */
record Verdict(boolean match, List<String> lines) {

    static Verdict of(RecordedRun recorded, Reproduction.Result result, Optional<Map<String, TensorData>> reference) {
        List<String> lines = new ArrayList<>();
        if (result.step() != recorded.finalStep()) {
            lines.add("MISMATCH: training ended at step " + result.step() + " (" + result.status().name().toLowerCase(Locale.ROOT)
                    + "), the recorded run at step " + recorded.finalStep());
            return new Verdict(false, lines);
        }
        boolean hashMatches = result.parameterHash().equals(recorded.finalParameterHash());
        Optional<ParameterDiff> diff = reference.map(tensors -> ParameterDiff.compare(tensors, result.parameters()));
        String against = " (" + recorded.referenceName() + " vs reproduced)";
        if (hashMatches && diff.map(ParameterDiff::identical).orElse(true)) {
            ParameterDiff counted = diff.orElseGet(() -> ParameterDiff.compare(result.parameters(), result.parameters()));
            lines.add("MATCH: bit-identical parameters at step " + result.step() + " (" + counted.tensors() + " tensors, "
                    + counted.values() + " values; parameter hash as recorded in run.json"
                    + (diff.isPresent() ? ", every tensor equal to " + recorded.referenceName() : "") + ")");
        } else if (!hashMatches && diff.isPresent() && !diff.get().identical()) {
            lines.add("MISMATCH: parameter hash " + result.parameterHash() + " differs from the recorded "
                    + recorded.finalParameterHash());
            lines.add("  first differing tensor: " + diff.get().firstDifference().orElseThrow() + against);
        } else if (hashMatches) {
            lines.add("MISMATCH: " + recorded.referenceName() + " is not the recorded final parameters: the reproduced ones "
                    + "match run.json's hash, but " + recorded.referenceName() + " differs from them");
            lines.add("  first differing tensor: " + diff.orElseThrow().firstDifference().orElseThrow() + against);
        } else if (diff.isPresent()) {
            lines.add("MISMATCH: parameter hash " + result.parameterHash() + " differs from the recorded "
                    + recorded.finalParameterHash() + ", yet every tensor equals " + recorded.referenceName()
                    + ": run.json's final_parameter_hash does not belong to these parameters");
        } else {
            lines.add("MISMATCH: parameter hash " + result.parameterHash() + " differs from the recorded "
                    + recorded.finalParameterHash() + " (no recorded parameters of step " + recorded.finalStep()
                    + " to compare tensor by tensor)");
        }
        metrics(recorded, result).ifPresent(lines::add);
        return new Verdict(lines.get(0).startsWith("MATCH"), lines);
    }

    /** The final evaluation, reproduced next to recorded, for the metrics the console shows. */
    private static Optional<String> metrics(RecordedRun recorded, Reproduction.Result result) {
        Map<String, Double> then = recorded.provenance().finalMetrics();
        List<String> parts = new ArrayList<>();
        for (String name : ConsoleFormat.SHOWN_METRICS) {
            Double before = then.get("eval_" + name);
            Double now = result.finalMetrics().get("eval_" + name);
            if (before != null && now != null) {
                parts.add(name + " " + ConsoleFormat.number(now) + (before.equals(now) ? " (=)" : " (recorded "
                        + ConsoleFormat.number(before) + ")"));
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of("  final evaluation: " + String.join(" · ", parts));
    }
}
