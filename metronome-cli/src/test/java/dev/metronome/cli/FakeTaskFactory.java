package dev.metronome.cli;

import dev.metronome.cli.run.GroupTask;
import dev.metronome.coordination.InProcessCollective;
import dev.metronome.coordination.Rendezvous;
import dev.metronome.provenance.DistributedProvenance;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.run.PreparedTask;
import dev.metronome.cli.run.TaskFactory;
import dev.metronome.provenance.DataClass;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.time.MockClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds {@link FakeTask}s with 10 steps per epoch and records every configuration it was given. */
public final class FakeTaskFactory implements TaskFactory {

    /** Steps per epoch of every fake task. */
    public static final long STEPS_PER_EPOCH = 10;

    private final MockClock clock;
    final List<RunConfig> configs = new ArrayList<>();
    final List<FakeTask> tasks = new ArrayList<>();
    /** Runs when a task is built: between the plan and the run directory's creation. */
    Runnable onCreate = () -> {};
    /** The step at which the next tasks fail, or 0 for never. */
    long failAtStep;
    /** What the next tasks throw at {@link #failAtStep}; null for an IllegalStateException. */
    Error failWith;

    FakeTaskFactory(MockClock clock) {
        this.clock = clock;
    }

    @Override
    public PreparedTask create(RunConfig config) {
        configs.add(config);
        onCreate.run();
        FakeTask task = new FakeTask(clock, STEPS_PER_EPOCH);
        task.failAtStep = failAtStep;
        task.failWith = failWith;
        tasks.add(task);
        DatasetProvenance data = new DatasetProvenance(config.data().name() + "-train", "generated:test", List.of(), 640, 4,
                2, "Apache-2.0", DataClass.OPEN);
        return new PreparedTask(task, List.of(data), Map.of("init", config.seed()), "cpu()", Map.of("intra_op", 1));
    }

    /** The group that {@link #createInGroup} joins: ranks as threads of this JVM; null refuses groups. */
    InProcessCollective group;

    @Override
    public GroupTask createInGroup(RunConfig config, Rendezvous rendezvous) throws java.io.IOException {
        if (group == null) {
            return TaskFactory.super.createInGroup(config, rendezvous);
        }
        List<String> hosts = java.util.Collections.nCopies(rendezvous.worldSize(), rendezvous.masterAddress());
        return new GroupTask(create(config), group.member(rendezvous.rank()),
                new DistributedProvenance(rendezvous.worldSize(), "threads", hosts, Map.of("intra_op", 1)), null);
    }

    @Override
    public Map<String, String> engineVersions() {
        return Map.of("fake", "1.0");
    }
}
