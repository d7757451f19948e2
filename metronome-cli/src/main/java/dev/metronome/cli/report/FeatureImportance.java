package dev.metronome.cli.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How much one input feature matters: the drop in a metric when the feature's information is
 * removed (for instance by permuting its column), averaged over repeats. One entry of
 * {@code explain.json}'s {@code features} array.
 *
 * @param feature the feature's name, e.g. {@code amount} or {@code pixel_350}; not blank
 * @param mean mean drop of the metric (positive: the model got worse without the feature); finite
 * @param std standard deviation of the drop over repeats; finite and not negative, or {@code null}
 *     when unknown (no error bar is drawn)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureImportance(
        @JsonProperty(required = true) String feature, @JsonProperty(required = true) double mean, Double std) {

    /**
     * Validates the entry.
     *
     * @throws IllegalArgumentException naming the feature and the bad field
     */
    public FeatureImportance {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("feature must be a non-blank string");
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("feature " + feature + ": mean must be finite, got " + mean);
        }
        if (std != null && (!Double.isFinite(std) || std < 0)) {
            throw new IllegalArgumentException("feature " + feature + ": std must be finite and not negative, got " + std);
        }
    }
}
