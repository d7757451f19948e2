package dev.metronome.cli.run;

import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.task.TrainingTask;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A training task built from a configuration, with what provenance needs to know about it.
 * Closing it closes the task.
 *
 * @param task the engine side of the run
 * @param datasets the data it trains and evaluates on, training set first
 * @param seeds every seed in use, by purpose (for example {@code init}, {@code data}, {@code dropout})
 * @param device the device it runs on, for example {@code cpu()}, or null if unknown
 * @param threads thread pool sizes, for example {@code intra_op -> 2}
 * @param classifier the classifier's extras (threshold table, evaluation on other examples), when
 *     the task offers them
 */
public record PreparedTask(TrainingTask task, List<DatasetProvenance> datasets, Map<String, Long> seeds, String device,
        Map<String, Integer> threads, Optional<ClassifierView> classifier) implements AutoCloseable {

    /** Checks for nulls and copies the collections. */
    public PreparedTask {
        Objects.requireNonNull(task, "task");
        datasets = List.copyOf(datasets);
        seeds = Map.copyOf(seeds);
        threads = Map.copyOf(threads);
        Objects.requireNonNull(classifier, "classifier");
    }

    /**
     * A task without classifier extras.
     *
     * @param task the engine side of the run
     * @param datasets the data, training set first
     * @param seeds every seed in use
     * @param device the device, or null
     * @param threads thread pool sizes
     */
    public PreparedTask(TrainingTask task, List<DatasetProvenance> datasets, Map<String, Long> seeds, String device,
            Map<String, Integer> threads) {
        this(task, datasets, seeds, device, threads, Optional.empty());
    }

    @Override
    public void close() {
        task.close();
    }
}
