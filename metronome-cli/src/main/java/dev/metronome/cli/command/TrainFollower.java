package dev.metronome.cli.command;

import dev.metronome.callback.Callback;
import dev.metronome.cli.config.ConfigSource;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.console.ConsoleCallback;
import dev.metronome.cli.console.ConsoleMode;
import dev.metronome.cli.run.TrainSession;
import dev.metronome.coordination.Rendezvous;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code train} on a rank other than 0 of a data-parallel run: the same configuration as rank 0's,
 * its task joined to the group, training in step with rank 0 and writing nothing but its console
 * (which the launcher puts in {@code logs/rank-<k>.log}).
 */
final class TrainFollower {

    private TrainFollower() {}

    static int run(CliContext context, Rendezvous group, List<ConfigSource> layers, String resume, Path runDirectory,
            boolean quiet) {
        RunConfig config = TrainPlan.followerConfig(context, layers, resume, runDirectory);
        TrainLaunch.checkGlobalBatch(config, group.worldSize());
        TrainSession session = new TrainSession(new TrainSession.Settings(context.clock(), context.taskFactory(),
                context.report(), context.err(), context.trapSignals())).inGroup(group);
        Callback console = new ConsoleCallback(ConsoleMode.choose(quiet, false), context.out(), context.clock(),
                "rank " + group.rank() + " of " + group.worldSize() + ": "
                        + TrainPlan.header(config, resume == null ? "training" : "continuing"));
        int status = session.follow(config, runDirectory, console);
        context.out().println("rank " + group.rank() + " done (rank 0 writes the run directory: " + runDirectory + ")");
        return status;
    }
}
