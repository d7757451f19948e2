package dev.metronome.loop;

import dev.metronome.state.TrainerState.LogWindowState;
import dev.metronome.task.StepOutcome;

/** Training statistics accumulated since the last log. Not thread-safe. */
final class LogWindow {

    private long steps;
    private long skippedSteps;
    private double lossSum;
    private long samples;
    private long startTrainingNanos;
    private double lastLearningRate = Double.NaN;

    void add(StepOutcome outcome) {
        steps++;
        samples += outcome.samples();
        lastLearningRate = outcome.learningRate();
        if (outcome.skipped()) {
            skippedSteps++;
        } else {
            lossSum += outcome.loss();
        }
    }

    double meanLoss() {
        long counted = steps - skippedSteps;
        return counted == 0 ? Double.NaN : lossSum / counted;
    }

    double samplesPerSecond(long trainingNanosNow) {
        long nanos = trainingNanosNow - startTrainingNanos;
        return nanos <= 0 ? Double.NaN : samples * 1e9 / nanos;
    }

    long steps() {
        return steps;
    }

    long skippedSteps() {
        return skippedSteps;
    }

    double lastLearningRate() {
        return lastLearningRate;
    }

    /**
     * Sums the window over the ranks of a local SGD run (collective: every rank calls it at the
     * same boundary). Every rank gets the sums when {@code everyRank}; otherwise rank 0 does and the
     * others start counting again from zero, so that the window a checkpoint holds (rank 0's) is
     * the whole group's and nothing is counted twice.
     */
    void sumOverRanks(dev.metronome.coordination.Collective collective, boolean everyRank) {
        double[] sums = {steps, skippedSteps, lossSum, samples};
        collective.allReduceSum(sums);
        if (everyRank || collective.rank() == 0) {
            steps = (long) sums[0];
            skippedSteps = (long) sums[1];
            lossSum = sums[2];
            samples = (long) sums[3];
        } else {
            clearCounts();
        }
    }

    /** Forgets the counts but keeps the window's start. */
    void clearCounts() {
        steps = 0;
        skippedSteps = 0;
        lossSum = 0;
        samples = 0;
    }

    void reset(long trainingNanosNow) {
        steps = 0;
        skippedSteps = 0;
        lossSum = 0;
        samples = 0;
        startTrainingNanos = trainingNanosNow;
    }

    LogWindowState state() {
        return new LogWindowState(steps, skippedSteps, lossSum, samples, startTrainingNanos);
    }

    void restore(LogWindowState state) {
        if (state != null) {
            steps = state.steps();
            skippedSteps = state.skippedSteps();
            lossSum = state.lossSum();
            samples = state.samples();
            startTrainingNanos = state.startTrainingNanos();
        }
    }
}
