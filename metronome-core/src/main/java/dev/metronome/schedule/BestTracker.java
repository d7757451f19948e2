package dev.metronome.schedule;

import java.util.Map;

/** Follows the best metric across evaluations, for the {@code best} save trigger and early stopping. */
final class BestTracker {

    private final BestMetric metric;
    private final EarlyStopping earlyStopping;
    private double bestValue = Double.NaN;
    private long bestStep = -1;
    private double patienceReference = Double.NaN;
    private int evaluationsWithoutImprovement;

    BestTracker(BestMetric metric, EarlyStopping earlyStopping) {
        this.metric = metric;
        this.earlyStopping = earlyStopping;
    }

    EvaluationVerdict record(long step, Map<String, Double> metrics) {
        Double boxed = metrics.get(metric.name());
        if (boxed == null) {
            throw new IllegalArgumentException("best metric '" + metric.name()
                    + "' is not among the evaluation metrics " + metrics.keySet());
        }
        double value = boxed;
        boolean improved = metric.mode().improves(value, bestValue, 0);
        if (improved) {
            bestValue = value;
            bestStep = step;
        }
        double minDelta = earlyStopping == null ? 0 : earlyStopping.minDelta();
        if (metric.mode().improves(value, patienceReference, minDelta)) {
            patienceReference = value;
            evaluationsWithoutImprovement = 0;
        } else {
            evaluationsWithoutImprovement++;
        }
        boolean stop = earlyStopping != null && evaluationsWithoutImprovement >= earlyStopping.patience();
        return new EvaluationVerdict(value, improved, bestValue, bestStep, evaluationsWithoutImprovement, stop);
    }

    double bestValue() {
        return bestValue;
    }

    long bestStep() {
        return bestStep;
    }

    double patienceReference() {
        return patienceReference;
    }

    int evaluationsWithoutImprovement() {
        return evaluationsWithoutImprovement;
    }

    void restore(double bestValue, long bestStep, double patienceReference, int evaluationsWithoutImprovement) {
        this.bestValue = bestValue;
        this.bestStep = bestStep;
        this.patienceReference = patienceReference;
        this.evaluationsWithoutImprovement = evaluationsWithoutImprovement;
    }
}
