package dev.metronome.bench.loop;

import dev.metronome.bench.measure.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The A/A control of {@code bench loop}: two bare {@code trainStep} loops over two task instances
 * built the same way, one after the other, measured in the same alternating rounds as the overhead
 * measurement. Their ratio should be 1; how far it is from 1 is the bias and noise of the
 * measurement itself (which instance was built first, where its memory lies, drift), against which
 * the overhead's 0.99 target has to be read.
 */
final class TwinControl {

    private TwinControl() {}

    /**
     * Measures the twins and prints every round and the medians.
     *
     * @param description the configuration
     * @param first loop A (its task built first)
     * @param second loop B (its task built second)
     * @param warmupSteps warm-up steps per loop
     * @param settings rounds and round length
     * @return the summary line
     */
    static String measure(String description, ComparedLoop first, ComparedLoop second, int warmupSteps, RoundSettings settings) {
        int warmup = (int) Math.max(20, Math.round(warmupSteps * settings.warmupScale()));
        first.run(warmup);
        long warmNanos = second.run(warmup);
        long steps = Math.max(10, Math.round(warmup / (warmNanos / 1e9) * settings.roundSeconds()));
        System.out.printf(Locale.ROOT, "== %s: %d rounds of %d steps per loop, %d warm-up steps per loop%n", description,
                settings.rounds(), steps, warmup);
        System.out.println("round  A steps/s  B steps/s  B/A");
        List<Double> ratios = new ArrayList<>();
        long totalA = 0;
        long totalB = 0;
        for (int round = 1; round <= settings.rounds(); round++) {
            long a;
            long b;
            if (round % 2 == 1) {
                b = second.run(steps);
                a = first.run(steps);
            } else {
                a = first.run(steps);
                b = second.run(steps);
            }
            totalA += a;
            totalB += b;
            double ratio = (double) a / b;
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "%5d  %9.1f  %9.1f  %.3f%n", round, steps / (a / 1e9), steps / (b / 1e9), ratio);
        }
        Samples samples = Samples.of(ratios);
        String line = String.format(Locale.ROOT, "%-38s B/A median %.3f (range %.3f-%.3f), over total times %.3f", description,
                samples.median(), samples.min(), samples.max(), (double) totalA / totalB);
        System.out.println(line);
        System.out.println();
        return line;
    }
}
