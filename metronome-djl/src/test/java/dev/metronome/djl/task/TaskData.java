package dev.metronome.djl.task;

import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.data.fraud.FraudSynthetic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Small, real data sets for tests, loaded once per JVM. */
public final class TaskData {

    private static DataSplits mini;

    private TaskData() {}

    /** @return the embedded Fashion-MNIST subset (9,000 train / 2,000 eval) */
    public static synchronized DataSplits fashionMini() {
        if (mini == null) {
            try {
                mini = FashionMnist.mini().load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mini;
    }

    /**
     * Evenly spaced examples of the mini set: {@code train} training and {@code eval} evaluation images.
     *
     * @param train training examples
     * @param eval evaluation examples
     * @return the splits
     */
    public static DataSplits fashion(int train, int eval) {
        DataSplits all = fashionMini();
        return new DataSplits(all.info(), spread(all.train(), train), spread(all.eval(), eval), Optional.empty());
    }

    /** @return generated card transactions, 1% fraud, standardised */
    public static DataSplits fraud(int examples) {
        return FraudSynthetic.of(42, examples, 0.2).load();
    }

    private static ExampleSet spread(ExampleSet set, int count) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = (int) ((long) i * set.size() / count);
        }
        return set.subset(set.name(), indices);
    }
}
