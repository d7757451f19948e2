package dev.metronome.data.tabular;

import dev.metronome.data.DataSplits;
import dev.metronome.data.DatasetInfo;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.Standardization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Turns raw tables into train/eval {@link DataSplits}: a seeded fraction split and train-only standardisation. */
public final class TabularSplits {

    private TabularSplits() {
    }

    /**
     * Splits row indices into train and eval deterministically. With {@code stratified}, each class
     * is shuffled and split on its own, so both splits keep the class proportions: a class with
     * {@code c} rows puts {@code round(c * evalFraction)} of them in eval, but at least one in each
     * split when {@code c >= 2}. Without it, all rows are shuffled together and
     * {@code round(n * evalFraction)} go to eval. Each returned array is in ascending row order.
     *
     * @param labels class index of each row
     * @param numClasses number of classes
     * @param evalFraction share of rows for evaluation, strictly between 0 and 1
     * @param seed random seed; the same inputs and seed always give the same split
     * @param stratified whether to split each class separately
     * @return {@code [trainRows, evalRows]}
     * @throws IllegalArgumentException if {@code evalFraction} is not strictly between 0 and 1, or a
     *     split would be empty
     */
    public static int[][] fractionSplit(int[] labels, int numClasses, double evalFraction, long seed, boolean stratified) {
        if (!(evalFraction > 0 && evalFraction < 1)) {
            throw new IllegalArgumentException("evalFraction must be strictly between 0 and 1, got " + evalFraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> groups = new ArrayList<>();
        if (stratified) {
            int[] counts = new int[numClasses];
            for (int label : labels) {
                counts[label]++;
            }
            int[][] byClass = new int[numClasses][];
            int[] filled = new int[numClasses];
            for (int c = 0; c < numClasses; c++) {
                byClass[c] = new int[counts[c]];
            }
            for (int row = 0; row < labels.length; row++) {
                byClass[labels[row]][filled[labels[row]]++] = row;
            }
            groups.addAll(Arrays.asList(byClass));
        } else {
            int[] all = new int[labels.length];
            Arrays.setAll(all, row -> row);
            groups.add(all);
        }
        int[] evalMask = new int[labels.length];
        int evalCount = 0;
        for (int[] group : groups) {
            shuffle(group, random);
            int take = (int) Math.round(group.length * evalFraction);
            if (stratified && group.length >= 2) {
                take = Math.max(1, Math.min(group.length - 1, take));
            }
            for (int i = 0; i < take; i++) {
                evalMask[group[i]] = 1;
            }
            evalCount += take;
        }
        if (evalCount == 0 || evalCount == labels.length) {
            throw new IllegalArgumentException("the eval fraction (data.eval_fraction) " + evalFraction + " of " + labels.length
                    + " rows leaves an empty " + (evalCount == 0 ? "eval" : "train") + " split");
        }
        int[] train = new int[labels.length - evalCount];
        int[] eval = new int[evalCount];
        for (int row = 0, t = 0, e = 0; row < labels.length; row++) {
            if (evalMask[row] == 1) {
                eval[e++] = row;
            } else {
                train[t++] = row;
            }
        }
        return new int[][] {train, eval};
    }

    /** Uniform Fisher–Yates shuffle in place. */
    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = values[i];
            values[i] = values[j];
            values[j] = swapped;
        }
    }

    /**
     * Builds the splits, standardising with statistics of {@code train} only when asked.
     *
     * @param info provenance to attach
     * @param train raw training rows
     * @param eval raw evaluation rows, same columns and classes
     * @param standardize whether to fit a {@link Standardization} on {@code train} and apply it to both
     * @return the splits
     * @throws IllegalArgumentException if the tables' columns or classes differ
     */
    public static DataSplits build(DatasetInfo info, NumericTable train, NumericTable eval, boolean standardize) {
        if (!train.featureNames().equals(eval.featureNames())) {
            throw new IllegalArgumentException(info.name() + ": train columns " + train.featureNames()
                    + " differ from eval columns " + eval.featureNames());
        }
        Optional<Standardization> standardization = standardize
                ? Optional.of(Standardization.fit(train.valuesView(), train.featureNames()))
                : Optional.empty();
        return new DataSplits(info, toExamples("train", train, standardization),
                toExamples("eval", eval, standardization), standardization);
    }

    private static ExampleSet toExamples(String name, NumericTable table, Optional<Standardization> standardization) {
        double[] raw = table.valuesView();
        return ExampleSet.filled(name, new int[] {table.featureNames().size()}, table.labels(), table.classNames(),
                table.featureNames(), features -> {
                    if (standardization.isPresent()) {
                        standardization.get().apply(raw, features);
                    } else {
                        for (int i = 0; i < raw.length; i++) {
                            features[i] = (float) raw[i];
                        }
                    }
                });
    }
}
