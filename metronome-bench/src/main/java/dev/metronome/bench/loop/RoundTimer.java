package dev.metronome.bench.loop;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs inside loop B (Metronome) as a callback: after B's warm-up, every {@code stepsPerRound}
 * steps it closes B's round, pauses B's clock, runs the same number of steps of loop A (the
 * compared loop), and resumes. Rounds go in ABBA order so that neither loop always runs first:
 * round 1 is B then A, round 2 A then B (A's two runs back to back while B is paused), and so on. B's time triggers read the paused clock, so they fire on B's own
 * time as if A were not there.
 */
final class RoundTimer implements Callback {

    private final PausableClock metronomeClock;
    private final long warmupSteps;
    private final long stepsPerRound;
    private final ComparedLoop raw;
    private final List<Round> rounds = new ArrayList<>();
    private long roundStartNanos = -1;
    private long pendingRawNanos;
    private long evaluationNanos;
    private long saveStallNanos;
    private int evaluations;
    private int saves;

    RoundTimer(PausableClock metronomeClock, long warmupSteps, long stepsPerRound, ComparedLoop raw) {
        this.metronomeClock = metronomeClock;
        this.warmupSteps = warmupSteps;
        this.stepsPerRound = stepsPerRound;
        this.raw = raw;
    }

    @Override
    public void onStepEnd(StepEndEvent event, TrainingControl control) {
        long step = event.view().step();
        if (step < warmupSteps || (step - warmupSteps) % stepsPerRound != 0) {
            return;
        }
        if (roundStartNanos >= 0) {
            long metronomeNanos = metronomeClock.monotonicNanos() - roundStartNanos;
            long rawNanos;
            if (rounds.size() % 2 == 0) {
                // an odd round, B then A; the next round starts with its A: B A | A B
                metronomeClock.pause();
                rawNanos = raw.run(stepsPerRound);
                pendingRawNanos = raw.run(stepsPerRound);
                metronomeClock.resume();
            } else {
                rawNanos = pendingRawNanos;
            }
            rounds.add(new Round(stepsPerRound, rawNanos, metronomeNanos, evaluationNanos, saveStallNanos, evaluations, saves));
        }
        roundStartNanos = metronomeClock.monotonicNanos();
        evaluationNanos = 0;
        saveStallNanos = 0;
        evaluations = 0;
        saves = 0;
    }

    @Override
    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
        evaluationNanos += event.durationNanos();
        evaluations++;
    }

    @Override
    public void onSave(SaveEvent event) {
        saveStallNanos += event.stallNanos();
        saves++;
    }

    List<Round> rounds() {
        return List.copyOf(rounds);
    }
}
