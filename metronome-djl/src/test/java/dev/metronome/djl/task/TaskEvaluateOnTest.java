package dev.metronome.djl.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.data.ClassWeights;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.task.Evaluation;
import dev.metronome.task.StepContext;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskEvaluateOnTest {

    private static final DataSplits DATA = TaskData.fraud(3000);

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    private static DjlTrainingTask trainedTask() {
        DjlTrainingTask task = DjlTrainingTask.builder().setData(DATA).setModel(MlpSpec.of(10, 2, 8))
                .optLearningRate(1e-2).optClassWeights(ClassWeights.balanced()).build();
        for (long step = 1; step <= 40; step++) {
            task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
        }
        return task;
    }

    @Test
    void evaluatingTheEvaluationSplit_givesExactlyWhatEvaluateGives_withoutReplacingTheLastReport() {
        try (DjlTrainingTask task = trainedTask()) {
            ClassificationReport report = task.evaluateOn(DATA.eval());
            assertThat(task.lastReport()).isEmpty();

            Evaluation evaluation = task.evaluate(() -> false);
            assertThat(report.toMap()).isEqualTo(evaluation.metrics());
        }
    }

    @Test
    void otherExamples_giveTheirOwnMetrics() {
        try (DjlTrainingTask task = trainedTask()) {
            ExampleSet eval = DATA.eval();
            int[] firstHalf = new int[eval.size() / 2];
            for (int i = 0; i < firstHalf.length; i++) {
                firstHalf[i] = i;
            }
            ClassificationReport whole = task.evaluateOn(eval);
            ClassificationReport half = task.evaluateOn(eval.subset("half", firstHalf));
            assertThat(half.confusion().total()).isEqualTo(firstHalf.length);
            assertThat(half.loss()).isNotEqualTo(whole.loss());
        }
    }

    @Test
    void examplesOfAnotherProblem_areRefused() {
        try (DjlTrainingTask task = trainedTask()) {
            ExampleSet other = new ExampleSet("other", new float[20], new int[] {10}, new int[] {0, 1},
                    List.of("a", "b"), DATA.eval().featureNames());
            assertThatThrownBy(() -> task.evaluateOn(other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("other: classes [a, b] differ from the evaluation split's [legit, fraud]");
        }
    }
}
