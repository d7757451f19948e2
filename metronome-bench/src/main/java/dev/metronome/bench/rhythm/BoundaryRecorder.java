package dev.metronome.bench.rhythm;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import java.util.Arrays;

/**
 * Records the run's wall time (the clock the scheduler reads, {@code view.elapsed().wallNanos()})
 * at the end of every step, before the scheduler decides: the step boundaries at which actions
 * can fire.
 */
final class BoundaryRecorder implements Callback {

    private long[] wallNanos = new long[1 << 16];
    private int count;

    @Override
    public void onStepEnd(StepEndEvent event, TrainingControl control) {
        long step = event.view().step();
        if (step != count + 1) {
            throw new IllegalStateException("boundaries must be recorded from step 1 without gaps; got step " + step
                    + " after " + count);
        }
        if (count == wallNanos.length) {
            wallNanos = Arrays.copyOf(wallNanos, wallNanos.length * 2);
        }
        wallNanos[count++] = event.view().elapsed().wallNanos();
    }

    /** @return the boundary times: element {@code s - 1} is the wall time at the end of step {@code s} */
    long[] boundaries() {
        return Arrays.copyOf(wallNanos, count);
    }
}
