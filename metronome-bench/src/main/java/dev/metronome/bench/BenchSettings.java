package dev.metronome.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line settings of {@link LoopOverhead}.
 *
 * @param rounds measured rounds per configuration
 * @param roundSeconds the target length of one loop's half of a round, in seconds (steps per round
 *     are derived from A's warm-up speed)
 * @param warmupScale multiplies each configuration's warm-up steps
 * @param threads intra-op threads; 0 for the engine default
 * @param only configuration names to run ({@code mlp64}, {@code mlp256}, {@code cnn64}); empty for all
 * @param quick whether {@code --quick} was given
 */
record BenchSettings(int rounds, double roundSeconds, double warmupScale, int threads, List<String> only, boolean quick) {

    static final String USAGE = "usage: LoopOverhead [--quick] [--rounds N] [--round-seconds S] [--warmup-scale X]"
            + " [--threads N] [--only mlp64,mlp256,cnn64]";

    /** Full run: 20 rounds of about 3 s per loop, i.e. about 2 minutes per configuration. */
    static BenchSettings defaults() {
        return new BenchSettings(20, 3.0, 1.0, 0, List.of(), false);
    }

    static BenchSettings parse(String[] args) {
        BenchSettings settings = defaults();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                settings = new BenchSettings(6, 1.5, 0.5, settings.threads, settings.only, true);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick":
                    break;
                case "--rounds":
                    settings = new BenchSettings(Integer.parseInt(value(args, ++i, arg)), settings.roundSeconds,
                            settings.warmupScale, settings.threads, settings.only, settings.quick);
                    break;
                case "--round-seconds":
                    settings = new BenchSettings(settings.rounds, Double.parseDouble(value(args, ++i, arg)),
                            settings.warmupScale, settings.threads, settings.only, settings.quick);
                    break;
                case "--warmup-scale":
                    settings = new BenchSettings(settings.rounds, settings.roundSeconds,
                            Double.parseDouble(value(args, ++i, arg)), settings.threads, settings.only, settings.quick);
                    break;
                case "--threads":
                    settings = new BenchSettings(settings.rounds, settings.roundSeconds, settings.warmupScale,
                            Integer.parseInt(value(args, ++i, arg)), settings.only, settings.quick);
                    break;
                case "--only":
                    List<String> names = new ArrayList<>();
                    for (String name : value(args, ++i, arg).split(",")) {
                        names.add(name.trim().toLowerCase(Locale.ROOT));
                    }
                    settings = new BenchSettings(settings.rounds, settings.roundSeconds, settings.warmupScale,
                            settings.threads, List.copyOf(names), settings.quick);
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        if (settings.rounds < 1 || !(settings.roundSeconds > 0) || !(settings.warmupScale > 0) || settings.threads < 0) {
            throw new IllegalArgumentException("rounds, round seconds and warm-up scale must be positive, threads >= 0; "
                    + USAGE);
        }
        return settings;
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
        }
        return args[index];
    }

    boolean runs(String name) {
        return only.isEmpty() || only.contains(name);
    }
}
