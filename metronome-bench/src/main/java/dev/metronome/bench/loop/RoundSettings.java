package dev.metronome.bench.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of a benchmark that alternates rounds of Metronome's loop with rounds of another loop
 * ({@link LoopOverhead}, {@code PythonComparison}).
 *
 * @param rounds measured rounds per configuration
 * @param roundSeconds the target length of one loop's half of a round, in seconds (steps per round
 *     are derived from the compared loop's warm-up speed)
 * @param warmupScale multiplies each configuration's warm-up steps
 * @param only configuration names to run; empty for all
 * @param quick whether {@code --quick} was given
 */
public record RoundSettings(int rounds, double roundSeconds, double warmupScale, List<String> only, boolean quick) {

    /** Options this record reads. */
    public static final String USAGE = "[--quick] [--rounds N] [--round-seconds S] [--warmup-scale X] [--only NAME,NAME]";

    /**
     * Reads the options.
     *
     * @param args the benchmark's arguments
     * @param configurations the names {@code --only} accepts
     * @return the settings: by default 20 rounds of about 3 s per loop at full warm-up; with
     *     {@code --quick} 3 rounds of 0.5 s at a fifth of the warm-up (a smoke run)
     * @throws IllegalArgumentException for an unknown option or a value out of range, naming it
     */
    public static RoundSettings parse(List<String> args, List<String> configurations) {
        boolean quick = args.contains("--quick");
        int rounds = quick ? 3 : 20;
        double roundSeconds = quick ? 0.5 : 3.0;
        double warmupScale = quick ? 0.2 : 1.0;
        List<String> only = List.of();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> { }
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, arg));
                case "--round-seconds" -> roundSeconds = Double.parseDouble(value(args, ++i, arg));
                case "--warmup-scale" -> warmupScale = Double.parseDouble(value(args, ++i, arg));
                case "--only" -> {
                    List<String> names = new ArrayList<>();
                    for (String name : value(args, ++i, arg).split(",")) {
                        String trimmed = name.trim().toLowerCase(Locale.ROOT);
                        if (!configurations.contains(trimmed)) {
                            throw new IllegalArgumentException("--only: unknown configuration '" + trimmed + "'; expected "
                                    + String.join(", ", configurations));
                        }
                        names.add(trimmed);
                    }
                    only = List.copyOf(names);
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'; options: " + USAGE);
            }
        }
        if (rounds < 1 || !(roundSeconds > 0) || !(warmupScale > 0)) {
            throw new IllegalArgumentException("--rounds, --round-seconds and --warmup-scale must be positive; got "
                    + rounds + ", " + roundSeconds + ", " + warmupScale);
        }
        return new RoundSettings(rounds, roundSeconds, warmupScale, only, quick);
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value; options: " + USAGE);
        }
        return args.get(index);
    }

    /**
     * Tells whether a configuration is to run.
     *
     * @param name the configuration's name
     * @return whether it was selected (all are, without {@code --only})
     */
    public boolean runs(String name) {
        return only.isEmpty() || only.contains(name);
    }

    /** @return one line describing the settings */
    public String describe() {
        return String.format(Locale.ROOT, "%d rounds, ~%.1f s per loop per round, warm-up scale %.2f%s", rounds, roundSeconds,
                warmupScale, quick ? " (--quick)" : "");
    }
}
