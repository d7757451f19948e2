package dev.metronome.explain;

import java.util.Comparator;
import java.util.List;

/**
 * What a permutation-importance measurement found.
 *
 * @param baseline the metric on the unchanged examples
 * @param repeats permutations per feature
 * @param features one entry per feature, in feature order
 */
public record ImportanceResult(double baseline, int repeats, List<FeatureDrops> features) {

    /** Copies the list. */
    public ImportanceResult {
        features = List.copyOf(features);
    }

    /** @return the features by mean drop, largest first (ties keep feature order) */
    public List<FeatureDrops> ranked() {
        return features.stream().sorted(Comparator.comparingDouble(FeatureDrops::mean).reversed()).toList();
    }
}
