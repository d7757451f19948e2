package dev.metronome.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.callback.event.SyncEvent;
import dev.metronome.callback.event.TrainerView;
import dev.metronome.coordination.Collective;
import dev.metronome.coordination.CoordinationException;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.localsgd.ParameterSync;
import dev.metronome.schedule.BoundaryInput;
import dev.metronome.schedule.NextDue;
import dev.metronome.schedule.Rhythm;
import dev.metronome.schedule.Scheduler;
import dev.metronome.schedule.StopReason;
import dev.metronome.state.TrainerState;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.RunClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The local SGD side of a {@link LoopSession}: this rank's own step count, the plan of the
 * current interval (how many steps and until when rank 0 asked every rank to train before the
 * next synchronisation), the {@link ParameterSync}, and the per-rank state a checkpoint holds.
 *
 * <p>A checkpoint of a local SGD run holds rank 0's parameters (the synchronised ones, as saves
 * happen only at synchronisations) and optimizer state under their own names, every other rank's
 * optimizer state under {@code local_sgd/rank<N>/<name>}, the outer state under
 * {@code local_sgd/<name>.outer_anchor} and {@code .outer_momentum}, and in
 * {@code trainer_state.json}'s {@code local_sgd} every rank's step and task state, the number of
 * synchronisations and the rhythm's time targets.
 */
final class LocalRounds {

    /** Prefix of the local SGD entries in a checkpoint's optimizer state. */
    static final String PREFIX = "local_sgd/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Collective collective;
    private final ParameterSync sync;
    private final Rhythm rhythm;
    private final long stepsPerEpoch;
    private long localStep;
    private long syncs;
    private long lastSyncStep;
    private long stepLimit = Long.MAX_VALUE;
    private long deadlineNanos = Long.MAX_VALUE;
    private long lastMetNanos;
    private long lastRankZeroWaitNanos;

    LocalRounds(LocalSgd settings, Collective collective, long stepsPerEpoch) {
        this.collective = Objects.requireNonNull(collective, "collective");
        this.sync = new ParameterSync(collective, settings.outer());
        this.rhythm = new Rhythm(settings.every(), stepsPerEpoch);
        this.stepsPerEpoch = stepsPerEpoch;
    }

    int rank() {
        return collective.rank();
    }

    int worldSize() {
        return collective.worldSize();
    }

    /** @return this rank's optimizer steps since the start of training (its position in its data) */
    long localStep() {
        return localStep;
    }

    /** Counts one local step. */
    void stepTaken() {
        localStep++;
    }

    /** @return synchronisations so far in the run */
    long syncs() {
        return syncs;
    }

    /** Starts a fresh run, or one resumed from a checkpoint of a run that synchronised every step. */
    void start(long step, TaskState state) {
        localStep = step;
        lastSyncStep = step;
        syncs = 0;
        sync.start(floats(state.parameters()));
    }

    /**
     * Resumes this rank from a local SGD checkpoint.
     *
     * @return this rank's own task state, to restore into the task
     */
    TaskState resume(TrainerState trainerState, TaskState stored, long elapsedWallNanos) {
        JsonNode saved = trainerState.localSgd();
        Map<String, TensorData> own = new LinkedHashMap<>();
        Map<String, TensorData> outer = new LinkedHashMap<>();
        String rankPrefix = PREFIX + "rank" + rank() + "/";
        JsonNode ranks = saved.path("ranks");
        boolean mine = rank() > 0 && rank() < ranks.size();
        for (Map.Entry<String, TensorData> entry : stored.optimizerState().entrySet()) {
            String name = entry.getKey();
            if (name.endsWith(ParameterSync.ANCHOR) || name.endsWith(ParameterSync.MOMENTUM)) {
                if (name.startsWith(PREFIX)) {
                    outer.put(name.substring(PREFIX.length()), entry.getValue());
                    continue;
                }
            }
            if (mine && name.startsWith(rankPrefix)) {
                own.put(name.substring(rankPrefix.length()), entry.getValue());
            } else if (!mine && !name.startsWith(PREFIX)) {
                own.put(name, entry.getValue());
            }
        }
        JsonNode rankState = mine ? ranks.get(rank()) : ranks.path(0);
        localStep = rankState.path("step").asLong(trainerState.step());
        JsonNode task = mine ? rankState.path("task") : trainerState.task();
        if (task.isMissingNode()) {
            throw new IllegalArgumentException("local_sgd.ranks[" + rank() + "]: no task state in the checkpoint");
        }
        syncs = saved.path("syncs").asLong(0);
        lastSyncStep = trainerState.step();
        Map<String, Long> targets = new LinkedHashMap<>();
        saved.path("targets").fields().forEachRemaining(field -> targets.put(field.getKey(), field.getValue().asLong()));
        rhythm.restore(targets, elapsedWallNanos);
        if (outer.isEmpty()) {
            sync.start(floats(stored.parameters()));
        } else {
            sync.importState(outer);
        }
        return new TaskState(stored.parameters(), own, task);
    }

    /** The optimizer state a task restores from a local SGD checkpoint when this run synchronises every step. */
    static TaskState withoutLocalEntries(TaskState stored) {
        Map<String, TensorData> own = new LinkedHashMap<>();
        stored.optimizerState().forEach((name, tensor) -> {
            if (!name.startsWith(PREFIX)) {
                own.put(name, tensor);
            }
        });
        return new TaskState(stored.parameters(), own, stored.extra());
    }

    /**
     * Plans the next interval from rank 0's step and time at a synchronisation (or at the start):
     * every rank trains until the rhythm's next step target or limit, or until this rank's
     * monotonic deadline for its next time target or limit, whichever comes first.
     *
     * @param step rank 0's step
     * @param wallNanos rank 0's wall-clock time when it arrived
     * @param rankZeroWaitNanos how long rank 0 then waited for the others (0 at the start)
     * @param metNanos this rank's monotonic time when all ranks had arrived
     * @param scheduler the run's scheduler, for its step and time limits
     */
    void plan(long step, long wallNanos, long rankZeroWaitNanos, long metNanos, Scheduler scheduler) {
        NextDue due = rhythm.nextDue(step, wallNanos);
        stepLimit = Math.max(1, Math.min(due.steps().orElse(Long.MAX_VALUE), scheduler.stepsToLimit(step).orElse(Long.MAX_VALUE)));
        long nanos = Math.min(due.time().map(Duration::toNanos).orElse(Long.MAX_VALUE),
                scheduler.wallNanosToLimit(wallNanos).orElse(Long.MAX_VALUE));
        deadlineNanos = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : metNanos + Math.max(0, nanos - rankZeroWaitNanos);
    }

    /**
     * Sums the log window over the ranks (collective).
     *
     * @param window this rank's window
     * @param everyRank whether every rank keeps the sums (for a log), or rank 0 alone (for a save)
     */
    void sumLogWindow(LogWindow window, boolean everyRank) {
        window.sumOverRanks(collective, everyRank);
    }

    /** Plans the next interval from the synchronisation just made. */
    void planNext(BoundaryInput agreed, Scheduler scheduler) {
        plan(agreed.step(), agreed.elapsed().wallNanos(), lastRankZeroWaitNanos, lastMetNanos, scheduler);
    }

    /**
     * Tells whether this rank's interval is over after a step.
     *
     * @param taken steps this rank took in the interval
     * @param nowNanos this rank's monotonic time
     * @return true when the planned steps or the deadline are reached
     */
    boolean intervalOver(long taken, long nowNanos) {
        return taken >= stepLimit || nowNanos >= deadlineNanos;
    }

    /**
     * Synchronises (collective): gathers every rank's steps and wait, averages the parameter
     * changes into the task's parameters through the outer update, and moves the rhythm past the
     * agreed step and time.
     *
     * @param task this rank's task
     * @param view the trainer's view, for the event
     * @param agreed rank 0's boundary input, as agreed
     * @param taken this rank's steps since the previous synchronisation
     * @param arrivedNanos this rank's monotonic time when it arrived, before the agreement
     * @param clock this rank's clock
     * @return the synchronisation's event
     */
    SyncEvent synchronise(TrainingTask task, TrainerView view, BoundaryInput agreed, long taken, long arrivedNanos,
            RunClock clock) {
        lastMetNanos = clock.monotonicNanos();
        int world = worldSize();
        long[] stats = new long[2 * world];
        stats[rank()] = taken;
        stats[world + rank()] = lastMetNanos - arrivedNanos;
        collective.allReduceSum(stats);
        lastRankZeroWaitNanos = stats[world];
        long start = clock.monotonicNanos();
        TaskState state = task.captureState();
        Map<String, float[]> parameters = floats(state.parameters());
        sync.sync(parameters);
        Map<String, TensorData> synced = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> entry : state.parameters().entrySet()) {
            synced.put(entry.getKey(), TensorData.ofFloats(entry.getValue().shape(), parameters.get(entry.getKey())));
        }
        task.restoreState(new TaskState(synced, state.optimizerState(), state.extra()));
        task.recycleState(state);
        long duration = clock.monotonicNanos() - start;
        String trigger = rhythm.poll(lastSyncStep, agreed.step(), agreed.elapsed().wallNanos());
        lastSyncStep = agreed.step();
        syncs++;
        StopReason stop = agreed.stopRequest();
        String cause = stop != null ? (stop.isSignal() ? "signal" : "requested") : trigger != null ? trigger : "stop";
        return new SyncEvent(view, syncs, Arrays.copyOfRange(stats, 0, world), Arrays.copyOfRange(stats, world, 2 * world),
                duration, cause);
    }

    /**
     * Gathers every rank's optimizer state and step into rank 0's snapshot (collective: every rank
     * calls it at the same save).
     *
     * @param own this rank's snapshot
     * @return on rank 0, the snapshot a checkpoint holds and the {@code local_sgd} JSON; on the
     *     others, null
     */
    Gathered gather(TaskState own) {
        ObjectNode mine = JSON.createObjectNode().put("rank", rank()).put("step", localStep);
        mine.set("task", own.extra());
        byte[][] tensors = collective.allGather(concatenate(own.optimizerState()));
        byte[][] entries;
        try {
            entries = collective.allGather(JSON.writeValueAsBytes(mine));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rank() != 0) {
            return null;
        }
        Map<String, TensorData> optimizer = new LinkedHashMap<>(own.optimizerState());
        ArrayNode ranks = JSON.createArrayNode();
        ranks.addObject().put("rank", 0).put("step", localStep);
        for (int r = 1; r < worldSize(); r++) {
            if (tensors[r].length != tensors[0].length) {
                throw new CoordinationException("rank " + r + "'s optimizer state has " + tensors[r].length
                        + " bytes, rank 0's " + tensors[0].length + "; every rank must train the same model and optimizer", null);
            }
            ByteBuffer buffer = ByteBuffer.wrap(tensors[r]).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, TensorData> entry : own.optimizerState().entrySet()) {
                byte[] values = new byte[entry.getValue().byteLength()];
                buffer.get(values);
                optimizer.put(PREFIX + "rank" + r + "/" + entry.getKey(),
                        TensorData.of(entry.getValue().dtype(), entry.getValue().shape(), values));
            }
            try {
                ranks.add(JSON.readTree(entries[r]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sync.exportState().forEach((name, tensor) -> optimizer.put(PREFIX + name, tensor));
        ObjectNode state = JSON.createObjectNode();
        state.put("syncs", syncs);
        ObjectNode targets = state.putObject("targets");
        rhythm.targets().forEach(targets::put);
        state.set("ranks", ranks);
        return new Gathered(new TaskState(own.parameters(), optimizer, own.extra()), state);
    }

    /** Rank 0's checkpoint content: the combined snapshot and the {@code local_sgd} JSON. */
    record Gathered(TaskState taskState, JsonNode localSgd) {}

    private static Map<String, float[]> floats(Map<String, TensorData> tensors) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> entry : tensors.entrySet()) {
            if (entry.getValue().dtype() != DType.F32) {
                throw new IllegalArgumentException(entry.getKey() + ": local SGD averages float32 tensors, this one is "
                        + entry.getValue().dtype());
            }
            values.put(entry.getKey(), entry.getValue().toFloatArray());
        }
        return values;
    }

    private static byte[] concatenate(Map<String, TensorData> tensors) {
        int total = 0;
        for (TensorData tensor : tensors.values()) {
            total = Math.addExact(total, tensor.byteLength());
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (TensorData tensor : tensors.values()) {
            out.put(tensor.buffer());
        }
        return out.array();
    }

}
