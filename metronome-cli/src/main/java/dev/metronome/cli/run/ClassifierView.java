package dev.metronome.cli.run;

import dev.metronome.data.ExampleSet;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.torch.TorchTrainingTask;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the commands ask of a classifier task beyond core's {@code TrainingTask}: its evaluation
 * examples, the full report of its last evaluation (with the decision-threshold table of a
 * two-class problem), and an evaluation on other examples (permutation importance).
 */
public interface ClassifierView {

    /** @return the evaluation split, as the task evaluates it (standardised, in order) */
    ExampleSet evaluationExamples();

    /** @return the report of the task's last completed evaluation, if one has run */
    Optional<ClassificationReport> lastReport();

    /**
     * Evaluates the current model on other examples of the same problem.
     *
     * @param examples examples with the evaluation split's feature shape and classes
     * @return the full report
     * @throws IllegalArgumentException if the examples do not fit the model
     */
    ClassificationReport evaluateOn(ExampleSet examples);

    /**
     * The view of a DJL task.
     *
     * @param task the task
     * @return a view that reads and evaluates through the task
     */
    static ClassifierView of(DjlTrainingTask task) {
        Objects.requireNonNull(task, "task");
        return of(() -> task.data().eval(), task::lastReport, task::evaluateOn);
    }

    /**
     * The view of a torch-engine task.
     *
     * @param task the task
     * @return a view that reads and evaluates through the task
     */
    static ClassifierView of(TorchTrainingTask task) {
        Objects.requireNonNull(task, "task");
        return of(() -> task.data().eval(), task::lastReport, task::evaluateOn);
    }

    private static ClassifierView of(Supplier<ExampleSet> evaluation, Supplier<Optional<ClassificationReport>> last,
            Function<ExampleSet, ClassificationReport> evaluateOn) {
        return new ClassifierView() {
            @Override
            public ExampleSet evaluationExamples() {
                return evaluation.get();
            }

            @Override
            public Optional<ClassificationReport> lastReport() {
                return last.get();
            }

            @Override
            public ClassificationReport evaluateOn(ExampleSet examples) {
                return evaluateOn.apply(examples);
            }
        };
    }
}
