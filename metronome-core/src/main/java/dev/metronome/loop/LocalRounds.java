package dev.metronome.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.coordination.Collective;
import dev.metronome.coordination.CoordinationException;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.localsgd.ParameterSync;
import dev.metronome.schedule.EpochTrigger;
import dev.metronome.schedule.Rhythm;
import dev.metronome.schedule.StepTrigger;
import dev.metronome.schedule.Trigger;
import dev.metronome.state.TrainerState;
import dev.metronome.task.TaskState;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

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
    private String stepLimitCause = "stop";
    private long deadlineNanos = Long.MAX_VALUE;
    private String deadlineCause = "stop";

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
     * Plans the next interval from the synchronisation's agreed step and time: every rank trains
     * until the step count or this rank's monotonic deadline is reached, whichever comes first.
     *
     * @param step rank 0's step at the synchronisation
     * @param wallNanos rank 0's wall-clock time when it arrived at the synchronisation
     * @param rankZeroWaitNanos how long rank 0 then waited for the others
     * @param metNanos this rank's monotonic time when all ranks had arrived
     * @param stopSteps rank 0's remaining steps to its step or epoch limit, if any
     * @param stopNanos rank 0's remaining time to its time limit, if any
     */
    void plan(long step, long wallNanos, long rankZeroWaitNanos, long metNanos, OptionalLong stopSteps, OptionalLong stopNanos) {
        stepLimit = Long.MAX_VALUE;
        stepLimitCause = "stop";
        for (Trigger trigger : rhythm.schedule().triggers().triggers()) {
            long steps = trigger instanceof StepTrigger s ? s.stepsUntilNext(step)
                    : trigger instanceof EpochTrigger e ? e.stepsUntilNext(step, stepsPerEpoch) : Long.MAX_VALUE;
            if (steps < stepLimit) {
                stepLimit = steps;
                stepLimitCause = trigger.text();
            }
        }
        if (stopSteps.isPresent() && stopSteps.getAsLong() <= stepLimit) {
            stepLimit = Math.max(1, stopSteps.getAsLong());
            stepLimitCause = "stop";
        }
        long nanos = Long.MAX_VALUE;
        deadlineCause = "stop";
        for (Map.Entry<String, Long> target : rhythm.targets().entrySet()) {
            long until = target.getValue() - wallNanos;
            if (until < nanos) {
                nanos = until;
                deadlineCause = target.getKey();
            }
        }
        if (stopNanos.isPresent() && stopNanos.getAsLong() <= nanos) {
            nanos = stopNanos.getAsLong();
            deadlineCause = "stop";
        }
        deadlineNanos = nanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : metNanos + Math.max(0, nanos - rankZeroWaitNanos);
    }

    /**
     * Tells whether this rank's interval is over after a step.
     *
     * @param taken steps this rank took in the interval
     * @param nowNanos this rank's monotonic time
     * @return what ended it (a trigger's text or {@code stop}), or null to keep training
     */
    String intervalOver(long taken, long nowNanos) {
        if (taken >= stepLimit) {
            return stepLimitCause;
        }
        if (nowNanos >= deadlineNanos) {
            return deadlineCause;
        }
        return null;
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

    /**
     * Sums a small buffer over the ranks (each rank fills its own slots).
     *
     * @param values this rank's values; overwritten with the sums
     */
    void exchange(long[] values) {
        collective.allReduceSum(values);
    }

    /**
     * Synchronises the task's parameters with the other ranks' (collective) and moves the rhythm
     * past the agreed step and time.
     *
     * @param task the task
     * @param step rank 0's step at the synchronisation
     * @param wallNanos rank 0's wall-clock time at the synchronisation
     */
    void synchronise(dev.metronome.task.TrainingTask task, long step, long wallNanos) {
        TaskState state = task.captureState();
        Map<String, float[]> parameters = floats(state.parameters());
        sync.sync(parameters);
        Map<String, TensorData> synced = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> entry : state.parameters().entrySet()) {
            synced.put(entry.getKey(), TensorData.ofFloats(entry.getValue().shape(), parameters.get(entry.getKey())));
        }
        task.restoreState(new TaskState(synced, state.optimizerState(), state.extra()));
        task.recycleState(state);
        rhythm.poll(lastSyncStep, step, wallNanos);
        lastSyncStep = step;
        syncs++;
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
        int world = worldSize();
        int rank = rank();
        byte[] tensors = concatenate(own.optimizerState());
        byte[] extra;
        try {
            extra = JSON.writeValueAsBytes(own.extra());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] header = new long[3 * world];
        header[rank] = tensors.length;
        header[world + rank] = extra.length;
        header[2 * world + rank] = localStep;
        collective.allReduceSum(header);
        int[] offsets = new int[world + 1];
        for (int r = 0; r < world; r++) {
            offsets[r + 1] = offsets[r] + longsFor(header[r]) + longsFor(header[world + r]);
        }
        long[] payload = new long[offsets[world]];
        pack(tensors, payload, offsets[rank]);
        pack(extra, payload, offsets[rank] + longsFor(tensors.length));
        collective.allReduceSum(payload);
        if (rank != 0) {
            return null;
        }
        Map<String, TensorData> optimizer = new LinkedHashMap<>(own.optimizerState());
        ArrayNode ranks = JSON.createArrayNode();
        ranks.addObject().put("rank", 0).put("step", localStep);
        for (int r = 1; r < world; r++) {
            if (header[r] != tensors.length) {
                throw new CoordinationException("rank " + r + "'s optimizer state has " + header[r]
                        + " bytes, rank 0's " + tensors.length + "; every rank must train the same model and optimizer", null);
            }
            byte[] bytes = unpack(payload, offsets[r], (int) header[r]);
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, TensorData> entry : own.optimizerState().entrySet()) {
                byte[] values = new byte[entry.getValue().byteLength()];
                buffer.get(values);
                optimizer.put(PREFIX + "rank" + r + "/" + entry.getKey(),
                        TensorData.of(entry.getValue().dtype(), entry.getValue().shape(), values));
            }
            byte[] json = unpack(payload, offsets[r] + longsFor(header[r]), (int) header[world + r]);
            ObjectNode entry = ranks.addObject().put("rank", r).put("step", header[2 * world + r]);
            try {
                entry.set("task", JSON.readTree(json));
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

    private static int longsFor(long bytes) {
        return Math.toIntExact((bytes + Long.BYTES - 1) / Long.BYTES);
    }

    private static void pack(byte[] bytes, long[] target, int slot) {
        for (int i = 0; i < bytes.length; i++) {
            target[slot + i / Long.BYTES] |= (bytes[i] & 0xFFL) << (8 * (i % Long.BYTES));
        }
    }

    private static byte[] unpack(long[] source, int slot, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (source[slot + i / Long.BYTES] >>> (8 * (i % Long.BYTES)));
        }
        return bytes;
    }
}
