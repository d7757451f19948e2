package dev.metronome.loop;

import dev.metronome.callback.event.TrainerView;
import dev.metronome.schedule.Action;
import dev.metronome.schedule.NextDue;
import dev.metronome.schedule.Scheduler;
import dev.metronome.time.ElapsedTime;
import dev.metronome.time.RunClock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/** The live, read-only {@link TrainerView} of a running loop. */
final class LoopView implements TrainerView {

    private final Scheduler scheduler;
    private final RunClock runClock;
    private final LongSupplier step;
    private final LongSupplier loadedStep;

    LoopView(Scheduler scheduler, RunClock runClock, LongSupplier step, LongSupplier loadedStep) {
        this.scheduler = scheduler;
        this.runClock = runClock;
        this.step = step;
        this.loadedStep = loadedStep;
    }

    @Override
    public OptionalLong loadedBestStep() {
        long loaded = loadedStep.getAsLong();
        return loaded < 0 ? OptionalLong.empty() : OptionalLong.of(loaded);
    }

    @Override
    public long step() {
        return step.getAsLong();
    }

    @Override
    public long stepsPerEpoch() {
        return scheduler.stepsPerEpoch();
    }

    @Override
    public ElapsedTime elapsed() {
        return runClock.read();
    }

    @Override
    public OptionalLong totalSteps() {
        return scheduler.totalSteps();
    }

    @Override
    public Optional<Duration> maxTime() {
        return scheduler.maxTime();
    }

    @Override
    public String bestMetricName() {
        return scheduler.config().bestMetric().name();
    }

    @Override
    public double bestValue() {
        return scheduler.bestValue();
    }

    @Override
    public NextDue nextDue(Action action) {
        return scheduler.nextDue(action, step(), runClock.read());
    }

    @Override
    public boolean firesAtEnd(Action action) {
        return scheduler.config().schedule(action).atEnd();
    }

    @Override
    public double stepNanos() {
        return scheduler.stepEstimateNanos();
    }
}
