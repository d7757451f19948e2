package dev.metronome.run;

import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.DistributedProvenance;
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
 * @param distributed world size, backend and hosts of a data-parallel run, or null
 */
public record RunDescription(
        Map<String, Long> seeds, List<DatasetProvenance> datasets, Map<String, String> engines, String device,
        Map<String, Integer> threads, DistributedProvenance distributed) {

    /** Copies the collections, keeping their order. */
    public RunDescription {
        seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
        datasets = List.copyOf(datasets);
        engines = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
        threads = Collections.unmodifiableMap(new LinkedHashMap<>(threads));
    }

    /**
     * A description of a one-process run.
     *
     * @param seeds seed name to value
     * @param datasets the data used, training set first
     * @param engines library name to version
     * @param device the device, or null
     * @param threads thread pool name to size
     */
    public RunDescription(Map<String, Long> seeds, List<DatasetProvenance> datasets, Map<String, String> engines,
            String device, Map<String, Integer> threads) {
        this(seeds, datasets, engines, device, threads, null);
    }

    /** @return a description with nothing recorded */
    public static RunDescription empty() {
        return new RunDescription(Map.of(), List.of(), Map.of(), null, Map.of());
    }

    /**
     * Returns a copy with the data-parallel facts set.
     *
     * @param value world size, backend and hosts
     * @return the new description
     */
    public RunDescription withDistributed(DistributedProvenance value) {
        return new RunDescription(seeds, datasets, engines, device, threads, value);
    }
}
