package dev.metronome.bench.rhythm;

import dev.metronome.loop.Checkpointer;
import dev.metronome.loop.CompletedSave;
import dev.metronome.loop.LoopSnapshot;
import dev.metronome.time.MockClock;
import java.util.ArrayList;
import java.util.List;

/** A checkpointer that writes nothing: each save blocks the loop for a fixed time and completes at once. */
final class SimulatedCheckpointer implements Checkpointer {

    private final MockClock clock;
    private final long stallNanos;
    private final List<CompletedSave> completed = new ArrayList<>();

    SimulatedCheckpointer(MockClock clock, long stallNanos) {
        this.clock = clock;
        this.stallNanos = stallNanos;
    }

    @Override
    public boolean save(LoopSnapshot snapshot, boolean urgent) {
        clock.addNanos(stallNanos);
        completed.add(new CompletedSave(snapshot.step(), "checkpoints/checkpoint-" + snapshot.step(), 0, stallNanos, List.of()));
        return true;
    }

    @Override
    public List<CompletedSave> drainCompleted() {
        List<CompletedSave> drained = List.copyOf(completed);
        completed.clear();
        return drained;
    }

    @Override
    public void close() {
        // nothing in flight
    }
}
