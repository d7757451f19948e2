package dev.metronome.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metronome.coordination.Coordinator;
import dev.metronome.time.ElapsedTime;
import dev.metronome.time.MockClock;
import dev.metronome.time.RunClock;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongToDoubleFunction;

/**
 * A fake engine driving a {@link Scheduler} with a {@link MockClock}: steps, evaluations and saves
 * "take" configurable simulated time, so thousands of steps run in milliseconds.
 */
final class SimulatedRun {

    /** One firing, with the time the action started on the wall clock. */
    record Fired(Action action, long step, long wallNanos, String cause) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    final MockClock clock;
    final RunClock runClock;
    final Scheduler scheduler;
    final List<Fired> fired = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    private final Coordinator coordinator;
    private LongFunction<Duration> stepDuration = step -> Duration.ofMillis(30);
    private Duration evaluationDuration = Duration.ZERO;
    private Duration saveDuration = Duration.ZERO;
    private LongToDoubleFunction evaluationLoss = step -> 1.0 / step;
    private Set<Long> requestEvaluationAt = Set.of();
    private long signalAt = -1;
    long step;
    StopReason stop;
    long endWallNanos;

    SimulatedRun(ScheduleConfig config, long stepsPerEpoch) {
        this(config, stepsPerEpoch, new MockClock(), ElapsedTime.ZERO, Coordinator.SINGLE);
    }

    SimulatedRun(ScheduleConfig config, long stepsPerEpoch, MockClock clock, ElapsedTime carried, Coordinator coordinator) {
        this.clock = clock;
        this.runClock = new RunClock(clock, carried);
        this.scheduler = new Scheduler(config, stepsPerEpoch);
        this.coordinator = coordinator;
    }

    SimulatedRun stepsTake(Duration duration) {
        return stepsTake(step -> duration);
    }

    SimulatedRun stepsTake(LongFunction<Duration> duration) {
        this.stepDuration = duration;
        return this;
    }

    SimulatedRun evaluationsTake(Duration duration) {
        this.evaluationDuration = duration;
        return this;
    }

    SimulatedRun savesTake(Duration duration) {
        this.saveDuration = duration;
        return this;
    }

    SimulatedRun evaluationLoss(LongToDoubleFunction loss) {
        this.evaluationLoss = loss;
        return this;
    }

    SimulatedRun requestEvaluationAt(Long... steps) {
        this.requestEvaluationAt = Set.of(steps);
        return this;
    }

    SimulatedRun signalAt(long step) {
        this.signalAt = step;
        return this;
    }

    /** Runs until the scheduler stops training or {@code maxSteps} more steps have run. */
    SimulatedRun run(long maxSteps) {
        runClock.start();
        long limit = step + maxSteps;
        while (stop == null && step < limit) {
            clock.add(stepDuration.apply(step + 1));
            step++;
            Set<Action> requested = requestEvaluationAt.contains(step) ? EnumSet.of(Action.EVALUATE) : Set.of();
            StopReason request = step == signalAt ? StopReason.SIGNAL_TERM : null;
            BoundaryInput input = coordinator.agree(new BoundaryInput(step, runClock.read(), request, requested));
            Decision decision = scheduler.decide(input);
            record(decision, Action.LOG);
            EvaluationVerdict verdict = null;
            if (decision.fires(Action.EVALUATE)) {
                record(decision, Action.EVALUATE);
                clock.add(evaluationDuration);
                runClock.recordEvaluation(evaluationDuration.toNanos());
                verdict = scheduler.recordEvaluation(step, Map.of("loss", evaluationLoss.applyAsDouble(step)));
            }
            decision = scheduler.afterEvaluation(decision, verdict, false);
            if (decision.fires(Action.SAVE)) {
                record(decision, Action.SAVE);
                clock.add(saveDuration);
                runClock.recordSaveStall(saveDuration.toNanos());
                runClock.recordSaveDuration(saveDuration.toNanos());
            }
            decisions.add(decision);
            stop = decision.stop();
        }
        endWallNanos = runClock.read().wallNanos();
        return this;
    }

    private void record(Decision decision, Action action) {
        if (decision.fires(action)) {
            fired.add(new Fired(action, decision.step(), runClock.read().wallNanos(), decision.cause(action).orElseThrow()));
        }
    }

    List<Fired> firings(Action action) {
        return fired.stream().filter(f -> f.action() == action).toList();
    }

    List<Long> steps(Action action) {
        return firings(action).stream().map(Fired::step).toList();
    }

    /** Captures what a checkpoint would hold, through JSON as a checkpoint would store it. */
    Snapshot snapshot() {
        try {
            String state = JSON.writeValueAsString(scheduler.state());
            String elapsed = JSON.writeValueAsString(runClock.read());
            return new Snapshot(step, JSON.readValue(state, SchedulerState.class), JSON.readValue(elapsed, ElapsedTime.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new run continuing from a snapshot, on a clock that has moved on by {@code downtime}. */
    static SimulatedRun resume(ScheduleConfig config, long stepsPerEpoch, Snapshot snapshot, MockClock clock) {
        SimulatedRun resumed = new SimulatedRun(config, stepsPerEpoch, clock, snapshot.elapsed(), Coordinator.SINGLE);
        resumed.scheduler.restore(snapshot.state(), snapshot.elapsed());
        resumed.step = snapshot.step();
        return resumed;
    }

    record Snapshot(long step, SchedulerState state, ElapsedTime elapsed) {}
}
