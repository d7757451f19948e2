package dev.metronome.bench.rhythm;

import dev.metronome.loop.TrainingLoop;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.DurationText;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.TimeMode;
import dev.metronome.time.Clock;
import dev.metronome.time.MockClock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Core's {@code TrainingLoop} (and so its {@code Scheduler}) over a {@link MockClock}: simulated
 * steps and evaluations take drawn times, saves block for a fixed time, and the log, evaluate and
 * save firings are analysed against their grids. A million steps take seconds.
 */
final class SimulatedRun {

    /**
     * What the simulated run measured.
     *
     * @param analyses log, evaluate and save
     * @param steps steps simulated
     * @param simulatedSeconds simulated run time
     * @param realSeconds how long the simulation took
     * @param evaluationOffsetMillis the n-th evaluation's start minus n·Δ (see {@link #offsetFromCountMillis})
     */
    record Result(List<FiringAnalysis> analyses, long steps, double simulatedSeconds, double realSeconds,
            double evaluationOffsetMillis) {}

    private SimulatedRun() {}

    /**
     * Runs a simulation.
     *
     * @param steps steps to simulate
     * @param model the step-time distribution
     * @param evaluationMillis median evaluation time (log-normal, sigma 0.1)
     * @param saveStallMillis how long each save blocks the loop
     * @param log the log trigger, e.g. {@code 2s}
     * @param evaluate the evaluation trigger
     * @param save the save trigger
     * @param timeMode fixed-rate (the default) or since-last for every action
     * @param seed the random seed
     * @return the analyses of log, evaluate and save
     */
    static Result run(long steps, StepTimeModel model, double evaluationMillis, double saveStallMillis, String log,
            String evaluate, String save, TimeMode timeMode, long seed) {
        MockClock clock = new MockClock();
        BoundaryRecorder boundaries = new BoundaryRecorder();
        FiringRecorder firings = new FiringRecorder(log, evaluate, save);
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(steps))
                .log(ActionSchedule.builder().every(log).timeMode(timeMode).onFirstStep(true).build())
                .evaluate(ActionSchedule.builder().every(evaluate).timeMode(timeMode).build())
                .save(ActionSchedule.builder().every(save).timeMode(timeMode).build())
                .build();
        long realStart = Clock.SYSTEM.monotonicNanos();
        long simulatedStart = clock.monotonicNanos();
        try (SimulatedTask task = new SimulatedTask(clock, new SplittableRandom(seed), model, evaluationMillis)) {
            TrainingLoop.builder()
                    .task(task)
                    .schedule(schedule)
                    .clock(clock)
                    .checkpointer(new SimulatedCheckpointer(clock, Math.round(saveStallMillis * 1e6)))
                    .callback(boundaries)
                    .callback(firings)
                    .build()
                    .run();
        }
        double realSeconds = (Clock.SYSTEM.monotonicNanos() - realStart) / 1e9;
        long[] times = boundaries.boundaries();
        List<Firing> saves = new ArrayList<>();
        for (long step : firings.saveSteps()) {
            saves.add(new Firing(step, times[(int) step - 1]));
        }
        String mode = timeMode == TimeMode.SINCE_LAST ? " (since_last)" : "";
        List<FiringAnalysis> analyses = List.of(
                FiringAnalysis.of("log every " + log + mode, nanos(log), times, firings.logs()),
                FiringAnalysis.of("evaluate every " + evaluate + mode, nanos(evaluate), times, firings.evaluations()),
                FiringAnalysis.of("save every " + save + mode, nanos(save), times, saves));
        return new Result(analyses, times.length, (clock.monotonicNanos() - simulatedStart) / 1e9, realSeconds,
                offsetFromCountMillis(firings.evaluations(), nanos(evaluate)));
    }

    /**
     * The n-th firing's offset from {@code n·Δ}: how far a schedule has drifted from where
     * {@code n} intervals would put it (grows without bound for since-last, bounded for fixed-rate
     * only while no target is merged).
     *
     * @param firings the firings
     * @param intervalNanos Δ
     * @return offset of the last firing, in milliseconds; NaN without firings
     */
    static double offsetFromCountMillis(List<Firing> firings, long intervalNanos) {
        if (firings.isEmpty()) {
            return Double.NaN;
        }
        long n = firings.size();
        return (firings.get(firings.size() - 1).startNanos() - n * intervalNanos) / 1e6;
    }

    /**
     * Parses a time trigger.
     *
     * @param trigger e.g. {@code 5s}
     * @return its interval in nanoseconds
     */
    static long nanos(String trigger) {
        return DurationText.parse(trigger).toNanos();
    }
}
