package dev.metronome.explain;

import dev.metronome.data.ExampleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Permutation feature importance: how much a metric gets worse when one feature's column is
 * shuffled, breaking its link with the label while keeping its distribution. For each feature the
 * column is permuted {@code repeats} times, each time with its own seeded Fisher–Yates permutation
 * of the rows, and the model is scored on the changed examples; the drop is {@code baseline −
 * permuted} for a metric where higher is better and {@code permuted − baseline} for one where lower
 * is better (a loss), so that a positive drop always means the feature mattered.
 *
 * <p>Deterministic: repeat {@code r} of feature {@code j} shuffles with
 * {@code SplittableRandom(permutationSeed(seed, j, r))}, whatever the order of evaluation. Only
 * tabular data (one feature name per value) can be explained this way.
 */
public final class PermutationImportance {

    private final int repeats;
    private final long seed;

    private PermutationImportance(int repeats, long seed) {
        this.repeats = repeats;
        this.seed = seed;
    }

    /**
     * Configures a measurement.
     *
     * @param repeats permutations per feature, at least 1
     * @param seed the seed every permutation derives from
     * @return the measurement
     * @throws IllegalArgumentException if {@code repeats} is below 1
     */
    public static PermutationImportance of(int repeats, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats: " + repeats + " is not valid; expected at least 1");
        }
        return new PermutationImportance(repeats, seed);
    }

    /**
     * Measures every feature's importance.
     *
     * @param examples the examples to score on (an evaluation split), tabular
     * @param metric scores a set of examples, for example the model's PR-AUC on them
     * @param higherIsBetter whether a larger metric is better (accuracy, AUC) or worse (a loss)
     * @return the baseline and one importance per feature, in feature order
     * @throws IllegalArgumentException if the examples have no feature names (images) or fewer than
     *     2 rows, or the metric gives a non-finite baseline
     */
    public ImportanceResult measure(ExampleSet examples, ToDoubleFunction<ExampleSet> metric, boolean higherIsBetter) {
        List<String> names = examples.featureNames();
        if (names.isEmpty()) {
            throw new IllegalArgumentException(examples.name() + ": examples of shape "
                    + Arrays.toString(examples.featureShape())
                    + " have no named features; permutation importance needs tabular data");
        }
        if (examples.size() < 2) {
            throw new IllegalArgumentException(examples.name() + ": " + examples.size()
                    + " example(s); permuting a column needs at least 2");
        }
        double baseline = metric.applyAsDouble(examples);
        if (!Double.isFinite(baseline)) {
            throw new IllegalArgumentException(examples.name() + ": the metric is " + baseline
                    + " on the unchanged examples; expected a finite value (for example PR-AUC needs positive examples)");
        }
        float[] original = examples.features();
        List<FeatureDrops> features = new ArrayList<>(names.size());
        for (int feature = 0; feature < names.size(); feature++) {
            double[] drops = new double[repeats];
            for (int repeat = 0; repeat < repeats; repeat++) {
                ExampleSet permuted = permuteColumn(examples, original, feature, permutationSeed(seed, feature, repeat));
                double score = metric.applyAsDouble(permuted);
                drops[repeat] = higherIsBetter ? baseline - score : score - baseline;
            }
            features.add(new FeatureDrops(names.get(feature), drops));
        }
        return new ImportanceResult(baseline, repeats, features);
    }

    /**
     * The seed of one permutation: SplitMix64-style mixing of the run seed, the feature index and
     * the repeat, so that every (feature, repeat) gets an independent stream.
     *
     * @param seed the measurement's seed
     * @param feature the feature's column index
     * @param repeat the repeat, from 0
     * @return the seed of {@code SplittableRandom} for that permutation
     */
    public static long permutationSeed(long seed, int feature, int repeat) {
        return mix(mix(seed ^ 0x9E3779B97F4A7C15L * (feature + 1L)) + repeat);
    }

    /**
     * Copies the examples with one column shuffled across rows.
     *
     * @param examples the examples
     * @param features their feature values, row-major (a copy the caller keeps unchanged)
     * @param column the column to shuffle
     * @param permutationSeed the seed of the Fisher–Yates shuffle
     * @return the changed copy; every other column, and the labels, unchanged
     */
    static ExampleSet permuteColumn(ExampleSet examples, float[] features, int column, long permutationSeed) {
        int rows = examples.size();
        int width = examples.featuresPerExample();
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(permutationSeed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return ExampleSet.filled(examples.name() + "-permuted-" + examples.featureNames().get(column),
                examples.featureShape(), examples.labels(), examples.classNames(), examples.featureNames(), target -> {
                    System.arraycopy(features, 0, target, 0, features.length);
                    for (int row = 0; row < rows; row++) {
                        target[row * width + column] = features[order[row] * width + column];
                    }
                });
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
