package dev.metronome.schedule;

/**
 * What an evaluation meant for the best model and early stopping.
 *
 * @param value the best metric's value in this evaluation
 * @param improved whether it is strictly better than every earlier evaluation
 * @param bestValue the best value so far, this one included
 * @param bestStep the step at which {@code bestValue} was reached
 * @param evaluationsWithoutImprovement consecutive evaluations without an improvement larger than
 *     early stopping's {@code min_delta}
 * @param stop whether early stopping's patience is exhausted
 */
public record EvaluationVerdict(
        double value, boolean improved, double bestValue, long bestStep, int evaluationsWithoutImprovement, boolean stop) {}
