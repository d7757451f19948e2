package dev.metronome.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps snapshots in memory. Asynchronous mode completes a save only at the next drain, as a
 * background writer would; synchronous mode completes it at once.
 */
final class MemoryCheckpointer implements Checkpointer {

    final List<LoopSnapshot> saved = new ArrayList<>();
    private final boolean async;
    private final List<CompletedSave> inFlight = new ArrayList<>();
    private final List<CompletedSave> completed = new ArrayList<>();
    boolean closed;

    MemoryCheckpointer(boolean async) {
        this.async = async;
    }

    @Override
    public boolean save(LoopSnapshot snapshot, boolean urgent) {
        saved.add(snapshot);
        CompletedSave done = new CompletedSave(snapshot.step(), "checkpoints/checkpoint-" + snapshot.step(), 1000, 5_000_000, List.of());
        if (async && !urgent) {
            inFlight.add(done);
        } else {
            completed.add(done);
        }
        return true;
    }

    @Override
    public List<CompletedSave> drainCompleted() {
        List<CompletedSave> result = new ArrayList<>(completed);
        completed.clear();
        completed.addAll(inFlight);
        inFlight.clear();
        return result;
    }

    @Override
    public void close() {
        completed.addAll(inFlight);
        inFlight.clear();
        closed = true;
    }

    LoopSnapshot last() {
        return saved.get(saved.size() - 1);
    }
}
