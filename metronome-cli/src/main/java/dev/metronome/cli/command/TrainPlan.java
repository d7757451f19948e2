package dev.metronome.cli.command;

import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CorruptCheckpointException;
import dev.metronome.cli.config.ConfigFiles;
import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.ConfigSource;
import dev.metronome.cli.config.ConfigWriter;
import dev.metronome.cli.config.LrScheduleSection;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.config.TrainingSection;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.ResumeCompatibility;
import dev.metronome.cli.run.CheckpointLocator;
import dev.metronome.cli.run.ResumeTarget;
import dev.metronome.cli.run.RunDirectories;
import dev.metronome.cli.run.TrainSession;
import dev.metronome.run.RunDirectory;
import dev.metronome.run.RunDirectoryException;
import dev.metronome.schedule.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code train} is about to do: the resolved configuration, the run directory, the checkpoint
 * to continue from (if resuming), and the header line the console prints.
 *
 * @param config the configuration, {@code output_dir} set to the run directory as shown to the user
 * @param runDirectory the run directory, absolute
 * @param resume the loaded checkpoint to continue from, or null for a fresh run
 * @param header the console's verb ({@code training}, {@code continuing})
 * @param fresh where a fresh run goes, or null when resuming
 */
record TrainPlan(RunConfig config, Path runDirectory, TrainSession.Resume resume, String verb, TrainSession.Fresh fresh)
        implements AutoCloseable {

    static TrainPlan fresh(CliContext context, List<ConfigSource> layers) {
        RunConfig resolved = ConfigResolver.resolve(layers).config().withDataPathsResolved(context.workingDirectory());
        String stamp = resolved.outputDir() == null ? RunDirectories.stamp(context.clock(), context.zone()) : null;
        Path shown = RunDirectories.choose(context.workingDirectory(), resolved.outputDir(), stamp);
        RunConfig config = resolved.withOutputDir(shown.toString());
        Path directory = context.resolve(shown.toString());
        return new TrainPlan(config, directory, null, "training", new TrainSession.Fresh(directory,
                context.workingDirectory().resolve(RunDirectories.RUNS), stamp));
    }

    /**
     * Plans a resumed session. The run directory's lock is taken here, once, before anything in it
     * is read, and held until the plan is closed.
     */
    static TrainPlan resume(CliContext context, List<ConfigSource> layers, String resumeArg, Path outputDir) {
        RunDirectory held = null;
        try {
            if (outputDir != null && Files.isDirectory(outputDir)) {
                held = open(outputDir);
            }
            ResumeTarget target = CheckpointLocator.forResume(resumeArg, outputDir, context.workingDirectory(), context.clock());
            Path runDirectory = target.runDirectory().toAbsolutePath().normalize();
            if (outputDir != null && !outputDir.equals(runDirectory)) {
                throw CliException.usage("--resume " + resumeArg + " belongs to run " + runDirectory + ", not to --output-dir "
                        + outputDir + "; give one of them");
            }
            if (held == null) {
                held = open(runDirectory);
            }
            CheckpointPayload payload = target.checkpoint() == null ? null : load(target, context);
            ConfigSource base = base(target, payload);
            Path working = context.workingDirectory();
            RunConfig resolved = ConfigResolver.resolve(base, layers).config().withDataPathsResolved(working);
            if (payload != null) {
                ResumeCompatibility.check(ConfigResolver.resolve(base, List.of()).config().withDataPathsResolved(working),
                        resolved);
            }
            String shown = runDirectory.startsWith(working) ? working.relativize(runDirectory).toString() : runDirectory.toString();
            RunConfig config = resolved.withOutputDir(shown.isEmpty() ? "." : shown);
            return new TrainPlan(config, runDirectory, new TrainSession.Resume(target, payload, held),
                    target.checkpoint() == null ? "training" : "continuing", null);
        } catch (RuntimeException e) {
            closeQuietly(held, e);
            throw e;
        }
    }

    /**
     * The configuration of a rank other than 0 of a data-parallel run, resolved as rank 0 resolves
     * its own (a resumed run's from the checkpoint it continues), without taking the directory's
     * lock or writing anything: rank 0 owns the directory.
     *
     * @param runDirectory the run directory every rank names (absolute)
     */
    static RunConfig followerConfig(CliContext context, List<ConfigSource> layers, String resumeArg, Path runDirectory) {
        if (resumeArg == null) {
            return ConfigResolver.resolve(layers).config().withDataPathsResolved(context.workingDirectory())
                    .withOutputDir(runDirectory.toString());
        }
        ResumeTarget target = CheckpointLocator.forResume(resumeArg, runDirectory, context.workingDirectory(), context.clock());
        CheckpointPayload payload = target.checkpoint() == null ? null : load(target, context);
        return ConfigResolver.resolve(base(target, payload), layers).config().withDataPathsResolved(context.workingDirectory())
                .withOutputDir(runDirectory.toString());
    }

    private static RunDirectory open(Path directory) {
        try {
            return RunDirectory.open(directory);
        } catch (RunDirectoryException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, directory + ": cannot open its lock file (" + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(RunDirectory directory, RuntimeException failure) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Releases the run directory's lock taken for a resume. */
    @Override
    public void close() {
        if (resume != null) {
            try {
                resume.directory().close();
            } catch (IOException e) {
                throw new CliException(CliException.RUNTIME, runDirectory + ": cannot release its lock (" + e.getMessage() + ")", e);
            }
        }
    }

    private static CheckpointPayload load(ResumeTarget target, CliContext context) {
        try {
            return CheckpointStore.openReadOnly(target.checkpoint().getParent(), context.clock()).load(target.checkpoint());
        } catch (CorruptCheckpointException e) {
            throw new CliException(CliException.RUNTIME, "cannot resume from corrupt checkpoint " + target.checkpoint()
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, target.checkpoint() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The configuration the run was trained with: the checkpoint's config.json, else the run's config.yaml. */
    private static ConfigSource base(ResumeTarget target, CheckpointPayload payload) {
        if (payload != null && payload.config() != null) {
            return ConfigFiles.layer(target.checkpoint().resolve("config.json").toString(), payload.config());
        }
        Path yaml = target.runDirectory().resolve(ConfigWriter.FILE_NAME);
        return Files.exists(yaml) ? ConfigFiles.read(yaml) : null;
    }

    /**
     * Describes the run in one line: {@code training mlp on fashion-mnist-mini with adam (lr 0.001,
     * batch 64) until 1m → runs/20260101-120000}.
     */
    static String header(RunConfig config, String verb) {
        TrainingSection training = config.training();
        List<String> limits = new ArrayList<>();
        if (training.maxEpochs() != null) {
            limits.add(training.maxEpochs() + (training.maxEpochs() == 1 ? " epoch" : " epochs"));
        }
        if (training.maxSteps() != null) {
            limits.add(training.maxSteps() + " steps");
        }
        if (training.maxTime() != null) {
            limits.add(DurationText.format(training.maxTime()));
        }
        return verb + " " + config.model().name() + " on " + config.data().name() + " with " + config.optimizer().name()
                + " (lr " + config.optimizer().lr() + rateSchedule(config.lrSchedule()) + ", batch " + training.batchSize()
                + ") until " + String.join(" or ", limits) + localSgd(config) + " → " + config.outputDir();
    }

    /** How the ranks meet, when they train on their own in between (local SGD). */
    private static String localSgd(RunConfig config) {
        var distributed = config.distributed();
        if (distributed.localSgd() == null) {
            return "";
        }
        return ", ranks synchronising every " + distributed.sync() + " (local SGD, "
                + (distributed.outer().equals("nesterov") ? "Nesterov outer lr " + distributed.outerLr() + " momentum "
                        + distributed.outerMomentum() : "averaging") + ")";
    }

    /** The learning-rate schedule in a few words, empty for a constant rate without warm-up. */
    private static String rateSchedule(LrScheduleSection schedule) {
        String warmup = schedule.warmup().isZero() ? "" : ", warm-up " + schedule.warmup().text();
        return warmup + switch (schedule.kind()) {
            case CONSTANT -> "";
            case STEP -> ", ×" + schedule.gamma() + " every " + schedule.stepEvery().text();
            default -> ", " + schedule.name() + " to " + schedule.minLr() + " over "
                    + (schedule.decay() == null ? "training" : schedule.decay().text());
        };
    }
}
