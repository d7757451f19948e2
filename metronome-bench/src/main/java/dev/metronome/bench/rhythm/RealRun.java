package dev.metronome.bench.rhythm;

import dev.metronome.bench.loop.AlternatingRounds;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real training run (MLP 784-128-10, Adam, batch 64, the embedded Fashion-MNIST subset) on the
 * system clock with log, evaluate and save on time triggers, analysed from its
 * {@code metrics.jsonl}: an evaluation started at {@code elapsed_s - eval_duration_s}, a log at
 * its {@code elapsed_s}, a save at the boundary of its step. The step boundaries come from a
 * callback that reads the run's clock at the end of each step.
 */
final class RealRun {

    /** What the real run measured. */
    record Result(List<FiringAnalysis> analyses, long steps, double seconds, double medianStepMillis) {}

    private RealRun() {}

    /**
     * Trains and analyses.
     *
     * @param length how long to train (active time)
     * @param log the log trigger, e.g. {@code 2s}
     * @param evaluate the evaluation trigger
     * @param save the save trigger
     * @return the analyses of log, evaluate and save
     * @throws IOException if the temporary run directory cannot be written or read
     */
    static Result run(Duration length, String log, String evaluate, String save) throws IOException {
        DataSplits data = FashionMnist.mini().load();
        BoundaryRecorder boundaries = new BoundaryRecorder();
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxTime(length))
                .log(ActionSchedule.builder().every(log).onFirstStep(true).build())
                .evaluate(ActionSchedule.every(evaluate))
                .save(ActionSchedule.every(save))
                .build();
        Path runDirectory = Files.createTempDirectory("metronome-bench-rhythm-");
        try {
            try (DjlTrainingTask task = DjlTrainingTask.builder()
                    .setData(data)
                    .setModel(MlpSpec.of(784, 10, 128))
                    .optOptimizer(AdamSpec.adam())
                    .optLearningRate(1e-3)
                    .optBatchSize(64)
                    .optSeed(42)
                    .build()) {
                TrainingRun.builder().runDirectory(runDirectory).task(task).schedule(schedule).callback(boundaries)
                        .build().run();
            }
            long[] times = boundaries.boundaries();
            List<MetricEvent> events = MetricsLogReader.read(runDirectory.resolve("metrics.jsonl")).events();
            long lastStep = times.length;
            List<Firing> logs = new ArrayList<>();
            List<Firing> evaluations = new ArrayList<>();
            List<Firing> saves = new ArrayList<>();
            for (MetricEvent event : events) {
                if (event.type() == MetricEventType.LOG && event.step() > 1 && event.step() < lastStep) {
                    logs.add(new Firing(event.step(), Math.round(event.elapsedSeconds() * 1e9)));
                } else if (event.type() == MetricEventType.EVAL && evaluate.equals(event.values().get("eval_cause"))) {
                    double start = event.elapsedSeconds() - event.number("eval_duration_s").orElseThrow();
                    evaluations.add(new Firing(event.step(), Math.round(start * 1e9)));
                } else if (event.type() == MetricEventType.SAVE && save.equals(event.values().get("save_cause"))) {
                    saves.add(new Firing(event.step(), times[(int) event.step() - 1]));
                }
            }
            double[] stepMillis = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                stepMillis[i] = (times[i] - (i == 0 ? 0 : times[i - 1])) / 1e6;
            }
            List<FiringAnalysis> analyses = List.of(
                    FiringAnalysis.of("log every " + log, SimulatedRun.nanos(log), times, logs),
                    FiringAnalysis.of("evaluate every " + evaluate, SimulatedRun.nanos(evaluate), times, evaluations),
                    FiringAnalysis.of("save every " + save, SimulatedRun.nanos(save), times, saves));
            return new Result(analyses, times.length, times.length == 0 ? 0 : times[times.length - 1] / 1e9,
                    dev.metronome.bench.measure.Samples.of(stepMillis).median());
        } finally {
            AlternatingRounds.deleteTree(runDirectory);
        }
    }
}
