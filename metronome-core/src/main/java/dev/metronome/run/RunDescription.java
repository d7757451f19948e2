package dev.metronome.run;

import dev.metronome.provenance.DatasetProvenance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's provenance ({@code run.json}) records about its inputs, beyond the configuration.
 *
 * @param seeds seed name to value, e.g. {@code seed -> 42}
 * @param datasets the data used, training set first
 * @param engines library name to version, e.g. {@code djl -> 0.35.1}, {@code pytorch -> 2.7.1}
 * @param device the device trained on, e.g. {@code cpu()}; null if unknown
 * @param threads thread pool name to size, e.g. {@code intraop -> 2}
 */
public record RunDescription(
        Map<String, Long> seeds, List<DatasetProvenance> datasets, Map<String, String> engines, String device,
        Map<String, Integer> threads) {

    /** Copies the collections, keeping their order. */
    public RunDescription {
        seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
        datasets = List.copyOf(datasets);
        engines = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
        threads = Collections.unmodifiableMap(new LinkedHashMap<>(threads));
    }

    /** @return a description with nothing recorded */
    public static RunDescription empty() {
        return new RunDescription(Map.of(), List.of(), Map.of(), null, Map.of());
    }
}
