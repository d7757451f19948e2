package dev.metronome.cli.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Comparator;
import java.util.List;

/**
 * The content of {@code explain.json}: feature importance measured as the drop of one metric. The
 * format is described in {@code docs/REPORT.md}; {@link ExplainFile} reads and writes it.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param metric the metric whose drop is measured, e.g. {@code eval_accuracy}; not blank
 * @param method how the drop was measured, e.g. {@code permutation}; may be {@code null}
 * @param baseline the metric's value with every feature intact; may be {@code null}
 * @param repeats how many repeats the mean and std are over; may be {@code null}
 * @param checkpoint the checkpoint explained, relative to the run directory; may be {@code null}
 * @param dataset the data the metric was measured on, e.g. {@code fashion-mnist-test}; may be {@code null}
 * @param features one entry per feature, most important first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplainResult(
        @JsonProperty(required = true) int formatVersion,
        @JsonProperty(required = true) String metric,
        String method,
        Double baseline,
        Integer repeats,
        String checkpoint,
        String dataset,
        @JsonProperty(required = true) List<FeatureImportance> features) {

    /** The only {@code format_version} this Metronome reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Validates the fields and copies the feature list.
     *
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public ExplainResult {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version " + formatVersion + " is not supported; expected "
                    + FORMAT_VERSION);
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric must be a non-blank string");
        }
        if (baseline != null && !Double.isFinite(baseline)) {
            throw new IllegalArgumentException("baseline must be finite, got " + baseline);
        }
        if (repeats != null && repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        if (features == null) {
            throw new IllegalArgumentException("features must be an array");
        }
        features = List.copyOf(features);
    }

    /** @return the features ordered by mean drop, largest first (ties keep file order) */
    public List<FeatureImportance> ranked() {
        return features.stream().sorted(Comparator.comparingDouble(FeatureImportance::mean).reversed()).toList();
    }
}
