package dev.metronome.cli.command;

import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.ConfigSource;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.distributed.LaunchPlan;
import dev.metronome.cli.distributed.WorkerCommand;
import dev.metronome.cli.distributed.WorkerLauncher;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.CheckpointLocator;
import dev.metronome.cli.run.RunDirectories;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code train --nproc-per-node N}: checks what can be checked before any worker starts (the
 * global batch divides by the world size), creates the run directory once (a fresh timestamped
 * one atomically) and its {@code logs/}, then starts this machine's workers with the directory's
 * absolute path. The workers do the rest: rank 0 takes the directory's lock and writes the run's
 * files; the other ranks write only their logs.
 */
final class TrainLaunch {

    /** The worker's main class: the command line itself, run with c10d's variables set. */
    private static final String MAIN_CLASS = "dev.metronome.cli.Main";

    private TrainLaunch() {}

    static int run(CliContext context, DistributedOptions options, List<ConfigSource> layers, String resume,
            String outputDir, List<String> originalArgs) {
        options.timeout();
        LaunchPlan plan = options.plan(context.environment());
        Path directory = resume == null ? freshDirectory(context, plan, layers) : resumedDirectory(context, resume, outputDir);
        List<String> args = new ArrayList<>(WorkerCommand.without(originalArgs, DistributedOptions.LAUNCHER_OPTIONS));
        args.add("--output-dir");
        args.add(directory.toString());
        Path logs = directory.resolve("logs");
        context.err().println("launching " + plan.nprocPerNode() + " workers (ranks " + plan.rank(0) + "-"
                + plan.rank(plan.nprocPerNode() - 1) + " of " + plan.worldSize() + ", rendezvous " + plan.masterAddress() + ":"
                + plan.masterPort() + "); rank " + plan.rank(0) + "'s output follows, the others' is in " + logs);
        WorkerLauncher launcher = new WorkerLauncher(new WorkerLauncher.Settings(plan, WorkerCommand.sameJvm(MAIN_CLASS, args),
                context.workingDirectory(), Map.of(), logs, context.out(), context.err(), context.clock(),
                WorkerLauncher.DEFAULT_GRACE, context.trapSignals()));
        try {
            return launcher.run();
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot start the workers: " + e.getMessage(), e);
        }
    }

    /** Checks the global batch, then creates the run directory (a timestamped one atomically). */
    private static Path freshDirectory(CliContext context, LaunchPlan plan, List<ConfigSource> layers) {
        RunConfig config = ConfigResolver.resolve(layers).config();
        checkGlobalBatch(config, plan.worldSize());
        try {
            if (config.outputDir() != null) {
                Path directory = context.resolve(config.outputDir());
                RunDirectories.checkFresh(directory, config.outputDir());
                Files.createDirectories(directory);
                return directory;
            }
            if (plan.nnodes() > 1) {
                throw CliException.usage("--output-dir is required with --nnodes " + plan.nnodes()
                        + ": every machine must name the same run directory (on a shared file system)");
            }
            Path runs = context.workingDirectory().resolve(RunDirectories.RUNS);
            Files.createDirectories(runs);
            String stamp = RunDirectories.stamp(context.clock(), context.zone());
            for (int n = 1; ; n++) {
                Path candidate = runs.resolve(n == 1 ? stamp : stamp + "-" + n);
                try {
                    return Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // the next suffix
                }
            }
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot create the run directory: " + e.getMessage(), e);
        }
    }

    private static Path resumedDirectory(CliContext context, String resume, String outputDir) {
        Path given = outputDir == null ? null : context.resolve(outputDir);
        return CheckpointLocator.forResume(resume, given, context.workingDirectory(), context.clock())
                .runDirectory().toAbsolutePath().normalize();
    }

    /**
     * Checks that the global batch splits evenly over the ranks.
     *
     * @param config the resolved configuration
     * @param worldSize the number of ranks
     * @throws CliException (usage) naming {@code training.batch_size}
     */
    static void checkGlobalBatch(RunConfig config, int worldSize) {
        int batch = config.training().batchSize();
        if (batch % worldSize != 0) {
            throw CliException.usage("training.batch_size " + batch + " does not divide by the world size " + worldSize
                    + "; training.batch_size is the global batch, split evenly over the ranks (for example "
                    + (batch / worldSize + 1) * worldSize + ")");
        }
    }
}
