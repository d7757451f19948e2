package dev.metronome.loop;

import dev.metronome.callback.event.EpochEndEvent;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.SyncEvent;
import dev.metronome.callback.event.TrainBeginEvent;
import dev.metronome.callback.event.TrainEndEvent;
import dev.metronome.coordination.Coordinator;
import dev.metronome.schedule.Action;
import dev.metronome.schedule.BoundaryInput;
import dev.metronome.schedule.Decision;
import dev.metronome.schedule.EvaluationVerdict;
import dev.metronome.schedule.Scheduler;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.StopSignal;
import dev.metronome.state.TrainerState;
import dev.metronome.state.TrainerStateJson;
import dev.metronome.task.Evaluation;
import dev.metronome.task.EvaluationAbandonedException;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.ElapsedTime;
import dev.metronome.time.RunClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** One run of a {@link TrainingLoop}: the mutable state of the loop thread. */
final class LoopSession {

    /** An accepted save not yet reported complete; {@code state} is kept only to recycle it afterwards. */
    private record PendingSave(String cause, long stallNanos, TaskState state) {}

    private final TrainingTask task;
    private final Scheduler scheduler;
    private final RunClock runClock;
    private final Coordinator coordinator;
    private final CallbackList callbacks;
    private final Checkpointer checkpointer;
    private final StopSignal stopSignal;
    private final ResumePoint resume;
    private final long stepsPerEpoch;
    private final LogWindow logWindow = new LogWindow();
    private final Requests requests = new Requests();
    private final LoopView view;
    private final List<FitResult.EvaluationRecord> evaluations = new ArrayList<>();
    private final NavigableMap<Long, PendingSave> pendingSaves = new TreeMap<>();
    private long step;
    private double lastMetricValue = Double.NaN;
    /** The step whose parameters {@link #lastMetricValue} was measured on; -1 before any evaluation. */
    private long lastMetricStep = -1;
    private String lastCheckpoint;
    /** With load-best-at-end: a copy of the state at the best evaluation so far, and its step. */
    private TaskState bestState;
    private long bestStateStep = -1;
    private long loadedStep = -1;
    /** With local SGD: this rank's own steps, the interval plan and the synchronisation; null otherwise. */
    private final LocalRounds rounds;

    LoopSession(TrainingLoop.Settings settings) {
        this.task = settings.task();
        this.stepsPerEpoch = task.stepsPerEpoch();
        this.scheduler = new Scheduler(settings.schedule(), stepsPerEpoch);
        this.resume = settings.resume();
        this.runClock = new RunClock(settings.shared().clock(), resume == null ? ElapsedTime.ZERO : resume.trainerState().elapsed());
        this.coordinator = settings.coordinator();
        this.callbacks = new CallbackList(settings.shared().callbacks());
        this.checkpointer = settings.checkpointer();
        this.stopSignal = settings.shared().stopSignal();
        this.view = new LoopView(scheduler, runClock, () -> step, () -> loadedStep);
        this.rounds = settings.localSgd() == null ? null
                : new LocalRounds(settings.localSgd(), settings.collective(), stepsPerEpoch);
    }

    FitResult run() {
        restore();
        estimateFirstSave();
        StopReason stop = alreadyFinished();
        runClock.start();
        if (rounds != null) {
            rounds.plan(step, runClock.read().wallNanos(), 0, runClock.monotonicNanos(), scheduler);
        }
        callbacks.onTrainBegin(new TrainBeginEvent(view, resume == null ? null : resume.checkpoint()));
        Throwable failure = null;
        try {
            if (stop != null && scheduler.finalEvaluationMissing(step)) {
                finishInterruptedEnd();
            }
            while (stop == null) {
                stop = rounds == null ? runStep() : runInterval();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        failure = closeCheckpointer(failure);
        if (failure == null && stop != null && !stop.isSignal()) {
            loadBest();
        }
        callbacks.onTrainEnd(new TrainEndEvent(view, failure == null ? stop : null, failure));
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        boolean loaded = loadedStep >= 0;
        return new FitResult(loaded ? loadedStep : step, view.epochProgress(), stop, runClock.read(), evaluations,
                scheduler.config().bestMetric().name(), scheduler.bestValue(), scheduler.bestStep(), lastCheckpoint,
                List.of(), step, loaded);
    }

    /**
     * Ends with the best evaluation's parameters when the schedule asks for it and the copy taken at
     * that evaluation is the run's best (after a resume the best may predate this session; then the
     * last step's parameters stay).
     */
    private void loadBest() {
        if (!scheduler.config().loadBestAtEnd() || bestState == null || bestStateStep != scheduler.bestStep()) {
            return;
        }
        if (bestStateStep != step) {
            task.restoreState(bestState);
        }
        loadedStep = bestStateStep;
        bestState = null;
    }

    /** Bytes per second a save is assumed to write before one has been measured (a slow disk). */
    private static final double ASSUMED_SAVE_BYTES_PER_SECOND = 100e6;
    /** What a save costs before its first byte (directories, fsync, manifest). */
    private static final long SAVE_OVERHEAD_NANOS = 50_000_000L;

    /**
     * A run limited by time reserves its final save before the deadline. Until a save has been
     * measured the reserve is an estimate from the state's size (at a slow disk's speed).
     */
    private void estimateFirstSave() {
        if (checkpointer == null || scheduler.config().stop().maxTime().isEmpty()
                || !scheduler.config().schedule(Action.SAVE).atEnd() || runClock.read().lastSaveNanos() > 0) {
            return;
        }
        TaskState state = task.captureState();
        long bytes = 0;
        for (TensorData tensor : state.parameters().values()) {
            bytes += tensor.byteLength();
        }
        for (TensorData tensor : state.optimizerState().values()) {
            bytes += tensor.byteLength();
        }
        task.recycleState(state);
        scheduler.estimateSave(SAVE_OVERHEAD_NANOS + (long) (bytes / ASSUMED_SAVE_BYTES_PER_SECOND * 1e9));
    }

    private void restore() {
        if (resume == null) {
            logWindow.reset(0);
            if (rounds != null) {
                startRounds(0);
            }
            return;
        }
        TrainerState state = resume.trainerState();
        if (state.stepsPerEpoch() != stepsPerEpoch) {
            throw new IllegalArgumentException(resume.checkpoint() + ": the checkpoint was made with " + state.stepsPerEpoch()
                    + " steps per epoch, this run has " + stepsPerEpoch + "; batch size, accumulation or data changed");
        }
        if (rounds != null && state.localSgd() != null) {
            task.restoreState(rounds.resume(state, resume.taskState(), state.elapsed().wallNanos()));
        } else {
            task.restoreState(resume.rankZeroTaskState());
        }
        scheduler.restore(state.scheduler(), state.elapsed());
        logWindow.restore(state.logWindow());
        if (rounds != null && coordinator.rank() != 0) {
            // A local SGD checkpoint's window is the whole group's (summed at the save), kept by rank 0.
            logWindow.clearCounts();
        }
        step = state.step();
        if (rounds != null && state.localSgd() == null) {
            startRounds(step);
        }
    }

    private void startRounds(long fromStep) {
        TaskState state = task.captureState();
        rounds.start(fromStep, state);
        task.recycleState(state);
    }

    /** A run resumed from its final checkpoint has nothing left to do. */
    private StopReason alreadyFinished() {
        if (resume == null) {
            return null;
        }
        if (scheduler.config().stop().maxSteps().isPresent() && step >= scheduler.config().stop().maxSteps().getAsLong()) {
            return StopReason.MAX_STEPS;
        }
        if (scheduler.totalSteps().isPresent() && step >= scheduler.totalSteps().getAsLong()) {
            return StopReason.MAX_EPOCHS;
        }
        if (scheduler.maxTime().isPresent() && runClock.read().wallNanos() >= scheduler.maxTime().get().toNanos()) {
            return StopReason.MAX_TIME;
        }
        return null;
    }

    /**
     * A run that stopped on a signal during its final evaluation resumes at its last step: the
     * evaluation it owes runs now (its checkpoint exists already, so no save follows).
     */
    private void finishInterruptedEnd() {
        requests.clear();
        evaluate("end");
    }

    private StopReason runStep() {
        StepOutcome outcome = task.trainStep(StepContext.of(step + 1, stepsPerEpoch));
        step++;
        requests.clear();
        stepEnded(outcome, step);
        return act(scheduler.decide(coordinator.agree(new BoundaryInput(step, runClock.read(), externalStop(), requests.actions()))));
    }

    /**
     * Local SGD: trains this rank on its own until the interval planned at the last
     * synchronisation is over (or a signal or a callback's stop request ends it early), then
     * synchronises with the other ranks and acts on rank 0's decision. Callbacks' requests
     * gathered during the interval are honoured at the synchronisation.
     */
    private StopReason runInterval() {
        requests.clear();
        long taken = 0;
        boolean over;
        do {
            StepOutcome outcome = task.trainStep(StepContext.of(rounds.localStep() + 1, stepsPerEpoch));
            rounds.stepTaken();
            taken++;
            if (coordinator.rank() == 0) {
                step = rounds.localStep();
            }
            stepEnded(outcome, rounds.localStep());
            over = externalStop() != null || rounds.intervalOver(taken, runClock.monotonicNanos());
        } while (!over);
        long arrived = runClock.monotonicNanos();
        // Every rank sends its own step; rank 0's is the one agreed.
        BoundaryInput agreed = coordinator.agree(
                new BoundaryInput(rounds.localStep(), runClock.read(), externalStop(), requests.actions()));
        SyncEvent sync = rounds.synchronise(task, view, agreed, taken, arrived, runClock);
        step = agreed.step();
        callbacks.onSync(sync);
        StopReason stop = act(scheduler.decide(agreed));
        if (stop == null) {
            rounds.planNext(agreed, scheduler);
        }
        return stop;
    }

    /**
     * After every step: the log window, the callbacks' step and epoch ends (their requests
     * gathered), and the saves completed meanwhile.
     *
     * @param ownStep the step just taken, counted on this rank (its epoch ends are this rank's)
     */
    private void stepEnded(StepOutcome outcome, long ownStep) {
        logWindow.add(outcome);
        if (!callbacks.isEmpty()) {
            callbacks.onStepEnd(new StepEndEvent(view, outcome), requests);
            if (ownStep % stepsPerEpoch == 0) {
                callbacks.onEpochEnd(new EpochEndEvent(view, ownStep / stepsPerEpoch - 1), requests);
            }
        }
        emitCompletedSaves();
    }

    /** A signal, or a callback's stop request, this rank has seen. */
    private StopReason externalStop() {
        return stopSignal.reason() != null ? stopSignal.reason() : requests.stop() ? StopReason.REQUESTED : null;
    }

    /** Logs, evaluates, saves and stops as decided at a boundary. */
    private StopReason act(Decision decision) {
        if (decision.stop() != null && decision.stop().isSignal()) {
            save("signal", true);
            return decision.stop();
        }
        if (rounds != null && decision.fires(Action.LOG)) {
            rounds.sumLogWindow(logWindow, true);
        }
        decision.cause(Action.LOG).ifPresent(this::log);
        EvaluationVerdict verdict = null;
        boolean stopAfterEvaluation = false;
        if (decision.fires(Action.EVALUATE)) {
            requests.clear();
            verdict = evaluate(decision.cause(Action.EVALUATE).orElseThrow());
            if (verdict == null) {
                StopReason signal = coordinator.agree(stopSignal.reason());
                save("signal", true);
                return signal;
            }
            stopAfterEvaluation = coordinator.agree(requests.stop());
            if (coordinator.agree(requests.actions().contains(Action.SAVE))) {
                decision = decision.with(Action.SAVE, "requested");
            }
        }
        decision = scheduler.afterEvaluation(decision, verdict, stopAfterEvaluation);
        if (decision.fires(Action.SAVE)) {
            save(decision.cause(Action.SAVE).orElseThrow(), decision.stop() != null);
        }
        return decision.stop();
    }

    private void log(String cause) {
        long trainingNanos = runClock.read().trainingNanos();
        callbacks.onLog(new LogEvent(view, logWindow.meanLoss(), logWindow.lastLearningRate(),
                logWindow.samplesPerSecond(trainingNanos), logWindow.steps(), logWindow.skippedSteps(), cause));
        logWindow.reset(trainingNanos);
    }

    /** Runs an evaluation; returns null if a signal made the task abandon it. */
    private EvaluationVerdict evaluate(String cause) {
        double startSeconds = runClock.read().wallSeconds();
        long start = runClock.monotonicNanos();
        Evaluation evaluation;
        try {
            // With several ranks an evaluation is a collective (sharded, then reduced): one rank
            // abandoning it alone would leave the others waiting, so it runs to the end and the
            // signal is agreed at the next boundary.
            evaluation = task.evaluate(coordinator.worldSize() > 1 ? () -> false : stopSignal.asAbandonCheck());
        } catch (EvaluationAbandonedException abandoned) {
            runClock.recordEvaluation(runClock.monotonicNanos() - start);
            return null;
        }
        long duration = runClock.monotonicNanos() - start;
        runClock.recordEvaluation(duration);
        Evaluation agreed = coordinator.agree(evaluation);
        EvaluationVerdict verdict = scheduler.recordEvaluation(step, agreed.metrics());
        lastMetricValue = verdict.value();
        lastMetricStep = step;
        evaluations.add(new FitResult.EvaluationRecord(step, startSeconds, agreed, duration));
        if (verdict.improved() && scheduler.config().loadBestAtEnd()) {
            if (bestState != null) {
                task.recycleState(bestState);
            }
            bestState = task.captureState();
            bestStateStep = step;
        }
        callbacks.onEvaluate(new EvaluateEvent(view, agreed, duration, verdict, cause), requests);
        return verdict;
    }

    private void save(String cause, boolean urgent) {
        if (checkpointer == null && rounds == null) {
            return;
        }
        long start = runClock.monotonicNanos();
        TaskState taskState = task.captureState();
        TaskState stored = taskState;
        com.fasterxml.jackson.databind.JsonNode localState = null;
        if (rounds != null) {
            rounds.sumLogWindow(logWindow, false);
            LocalRounds.Gathered gathered = rounds.gather(taskState);
            if (gathered == null || checkpointer == null) {
                task.recycleState(taskState);
                return;
            }
            stored = gathered.taskState();
            localState = gathered.localSgd();
        }
        ElapsedTime elapsed = runClock.read();
        long epoch = view.epoch();
        TrainerState state = new TrainerState(TrainerState.FORMAT_VERSION, step, stepsPerEpoch, epoch, elapsed,
                scheduler.state(), logWindow.state(), taskState.extra(), localState);
        LoopSnapshot snapshot = new LoopSnapshot(step, epoch, elapsed, stored, TrainerStateJson.toJson(state),
                scheduler.config().bestMetric().name(), metricOfTheseParameters());
        boolean accepted = checkpointer.save(snapshot, urgent);
        long stall = runClock.monotonicNanos() - start;
        runClock.recordSaveStall(stall);
        boolean recycles = checkpointer.releasesSnapshots();
        if (accepted) {
            pendingSaves.put(step, new PendingSave(cause, stall, recycles ? taskState : null));
        } else if (recycles) {
            task.recycleState(taskState);
        }
        emitCompletedSaves();
    }

    /**
     * The best metric as measured on the parameters a save at this step holds: only an evaluation
     * at this very step measured them (a checkpoint between evaluations records no metric, so it
     * can never be kept or exported as "best" on a value another step scored).
     */
    private double metricOfTheseParameters() {
        return lastMetricStep == step ? lastMetricValue : Double.NaN;
    }

    private void emitCompletedSaves() {
        if (checkpointer == null) {
            return;
        }
        for (CompletedSave completed : checkpointer.drainCompleted()) {
            runClock.recordSaveDuration(completed.durationNanos());
            PendingSave pending = pendingSaves.get(completed.step());
            releaseUpTo(completed.step());
            lastCheckpoint = completed.checkpoint();
            callbacks.onSave(new SaveEvent(view, completed.step(), completed.checkpoint(), completed.bytes(),
                    completed.durationNanos(), pending == null ? 0 : pending.stallNanos(), completed.deleted(),
                    pending == null ? "unknown" : pending.cause()));
        }
    }

    /**
     * Forgets the pending saves up to a completed step: that one, and earlier ones that failed
     * (saves complete in order, so an earlier one still pending will never be reported). Their
     * snapshots go back to the task when the checkpointer has let go of them.
     */
    private void releaseUpTo(long completedStep) {
        Map<Long, PendingSave> over = pendingSaves.headMap(completedStep, true);
        for (PendingSave pending : over.values()) {
            if (pending.state() != null) {
                task.recycleState(pending.state());
            }
        }
        over.clear();
    }

    /** Flushes the save in flight; returns the run's failure, or the flush's if the run had none. */
    private Throwable closeCheckpointer(Throwable failure) {
        if (checkpointer == null) {
            return failure;
        }
        try {
            checkpointer.close();
            emitCompletedSaves();
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }
}
