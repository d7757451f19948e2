package dev.metronome.loop;

import dev.metronome.task.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * A checkpointer that keeps nothing once a save is over ({@link #releasesSnapshots()}): each save
 * completes at the next drain, as a background writer would. Saves of steps matching
 * {@code skipped} are refused (busy policy SKIP); those matching {@code lost} are accepted but
 * never reported (a write that failed under the WARN policy).
 */
final class ReleasingCheckpointer implements Checkpointer {

    final List<LoopSnapshot> accepted = new ArrayList<>();
    final List<LoopSnapshot> refused = new ArrayList<>();
    final List<Long> drainedSteps = new ArrayList<>();
    private final LongPredicate skipped;
    private final LongPredicate lost;
    private final List<CompletedSave> inFlight = new ArrayList<>();

    ReleasingCheckpointer(LongPredicate skipped, LongPredicate lost) {
        this.skipped = skipped;
        this.lost = lost;
    }

    @Override
    public boolean save(LoopSnapshot snapshot, boolean urgent) {
        if (!urgent && skipped.test(snapshot.step())) {
            refused.add(snapshot);
            return false;
        }
        accepted.add(snapshot);
        if (!lost.test(snapshot.step())) {
            inFlight.add(new CompletedSave(snapshot.step(), "checkpoints/checkpoint-" + snapshot.step(), 1000, 5_000_000,
                    List.of()));
        }
        return true;
    }

    @Override
    public List<CompletedSave> drainCompleted() {
        List<CompletedSave> result = List.copyOf(inFlight);
        inFlight.clear();
        result.forEach(save -> drainedSteps.add(save.step()));
        return result;
    }

    /**
     * @param state a snapshot's task state
     * @return whether the save holding it was refused or reported complete by a drain
     */
    boolean over(TaskState state) {
        return refused.stream().anyMatch(snapshot -> snapshot.task() == state)
                || accepted.stream().anyMatch(snapshot -> snapshot.task() == state && drainedSteps.contains(snapshot.step()));
    }

    @Override
    public boolean releasesSnapshots() {
        return true;
    }

    @Override
    public void close() {
        // saves complete at the next drain; nothing to wait for
    }
}
