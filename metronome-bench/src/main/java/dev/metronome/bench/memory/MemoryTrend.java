package dev.metronome.bench.memory;

import dev.metronome.bench.measure.Samples;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Whether memory grew with the run's events. Over the samples after the warm-up, the least-squares
 * slope of resident memory, heap in use and direct buffers, as bytes per step, is multiplied by
 * the steps between two saves: the growth per save interval (which also holds that interval's
 * evaluations and logs). Each must stay below half of one checkpoint snapshot, so a leak of one
 * snapshot per save fails in whichever series holds it, with room for the native allocator's
 * settling below it.
 *
 * @param settledSamples samples after the warm-up
 * @param fromStep the first settled step
 * @param rssPerSaveBytes fitted resident-memory growth per save interval
 * @param heapPerSaveBytes fitted heap growth per save interval
 * @param directPerSaveBytes fitted direct-buffer growth per save interval
 * @param limitPerSaveBytes half a snapshot: the most any series may grow per save interval
 */
record MemoryTrend(int settledSamples, long fromStep, double rssPerSaveBytes, double heapPerSaveBytes,
        double directPerSaveBytes, double limitPerSaveBytes) {

    /**
     * Fits the samples.
     *
     * @param samples every sample, in step order
     * @param warmupSteps samples before this step are left out
     * @param stepsPerSave steps between two saves
     * @param snapshotBytes the size of one checkpoint (parameters and optimizer state)
     * @return the trend
     * @throws IllegalArgumentException with fewer than three settled samples
     */
    static MemoryTrend of(List<MemorySample> samples, long warmupSteps, long stepsPerSave, long snapshotBytes) {
        List<MemorySample> settled = samples.stream().filter(sample -> sample.step() >= warmupSteps).toList();
        if (settled.size() < 3) {
            throw new IllegalArgumentException("memory trend needs at least 3 samples after step " + warmupSteps + ", got "
                    + settled.size());
        }
        return new MemoryTrend(settled.size(), settled.get(0).step(),
                slopePerStep(settled, MemorySample::rssBytes) * stepsPerSave,
                slopePerStep(settled, MemorySample::heapBytes) * stepsPerSave,
                slopePerStep(settled, MemorySample::directBytes) * stepsPerSave, snapshotBytes / 2.0);
    }

    /** @return whether every series grew less than {@link #limitPerSaveBytes} per save interval */
    boolean flat() {
        return rssPerSaveBytes < limitPerSaveBytes && heapPerSaveBytes < limitPerSaveBytes
                && directPerSaveBytes < limitPerSaveBytes;
    }

    /**
     * Formats the verdict.
     *
     * @return one line
     */
    String describe() {
        return String.format(Locale.ROOT, "after the warm-up (steps >= %,d, %d samples): fitted growth per save interval"
                + " RSS %+.3f MiB, heap %+.3f MiB, direct %+.3f MiB; target (each below half a snapshot, %.2f MiB): %s",
                fromStep, settledSamples, mib(rssPerSaveBytes), mib(heapPerSaveBytes), mib(directPerSaveBytes),
                mib(limitPerSaveBytes), flat() ? "MET" : "MISSED");
    }

    static double mib(double bytes) {
        return bytes / (1 << 20);
    }

    private static double slopePerStep(List<MemorySample> samples, ToLongFunction<MemorySample> value) {
        double[] x = samples.stream().mapToDouble(MemorySample::step).toArray();
        double[] y = samples.stream().mapToDouble(sample -> value.applyAsLong(sample)).toArray();
        return Samples.slope(x, y);
    }
}
