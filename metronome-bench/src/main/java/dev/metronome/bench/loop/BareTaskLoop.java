package dev.metronome.bench.loop;

import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.task.StepContext;
import dev.metronome.time.Clock;

/**
 * Loop A of {@code bench loop}'s overhead measurement: the same {@code DjlTrainingTask} Metronome
 * drives (same model, data, batch size, Adam and learning rate), called in a bare loop of
 * {@code trainStep}s: no scheduler, no callbacks, no logging, evaluation or saving. What Metronome
 * adds on top of this is the cost of its schedules.
 */
final class BareTaskLoop implements ComparedLoop {

    private final DjlTrainingTask task;
    private long step;
    private double lastLoss = Double.NaN;

    BareTaskLoop(DjlTrainingTask task) {
        this.task = task;
    }

    @Override
    public long run(long steps) {
        long stepsPerEpoch = task.stepsPerEpoch();
        long start = Clock.SYSTEM.monotonicNanos();
        for (long i = 0; i < steps; i++) {
            lastLoss = task.trainStep(StepContext.of(++step, stepsPerEpoch)).loss();
        }
        return Clock.SYSTEM.monotonicNanos() - start;
    }

    @Override
    public double lastLoss() {
        return lastLoss;
    }

    @Override
    public void close() {
        task.close();
    }
}
