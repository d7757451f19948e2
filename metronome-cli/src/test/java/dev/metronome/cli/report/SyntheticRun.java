package dev.metronome.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.Metric;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.jsonl.JsonlMetricSink;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.DataClass;
import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.DistributedProvenance;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.ResumeRecord;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

/**
 * Writes a believable run directory with core's own sinks: a simulated training loop whose steps
 * take {@code stepSeconds}, logging, evaluating and saving every so many steps, optionally crashing
 * and resuming from its last checkpoint. Timings are deterministic (noise only in the values), so
 * tests can predict how many events of each kind there are.
 */
final class SyntheticRun {

    static final String CONFIG_YAML = """
            seed: 42
            data:
              name: fashion-mnist-mini
            model:
              name: mlp
              hidden: [128]
              activation: relu
            optimizer:
              name: adam
              lr: 0.001
            training:
              batch_size: 64
              max_steps: %d
            schedule:
              evaluate: {every: %d steps}
              best_metric: {name: loss}
            """;

    private final Path dir;
    long steps = 200;
    double stepSeconds = 0.05;
    int logEvery = 10;
    int evalEvery = 50;
    double evalSeconds = 0.8;
    int saveEvery = 100;
    double saveSeconds = 0.2;
    long crashAfterStep = -1;
    Set<Long> nonFiniteLossSteps = new HashSet<>();
    String extraEvalMetric = "eval_accuracy";
    String endStatus = "completed";
    String stopReason = "max_steps";
    boolean writeProvenance = true;
    boolean writeConfig = true;
    boolean writeCheckpoints = true;
    /** World size, backend and hosts of a data-parallel run; null for one process. */
    DistributedProvenance distributed;
    boolean evaluate = true;
    boolean save = true;
    String configYaml;
    ExplainResult explain;
    /** When positive, evaluations and saves fire on a fixed-rate time grid instead of every N steps. */
    double evalEverySeconds;
    double saveEverySeconds;
    /** Relative jitter of step times (0 = every step takes exactly stepSeconds). */
    double stepJitter;
    /** Warm-up then cosine decay of the learning rate instead of a constant one. */
    boolean cosineLr;

    private SyntheticRun(Path dir) {
        this.dir = dir;
    }

    static SyntheticRun in(Path dir) {
        return new SyntheticRun(dir);
    }

    /** Writes the run directory and returns it. */
    Path write() throws IOException {
        Files.createDirectories(dir);
        MockClock clock = new MockClock();
        Instant start = Instant.ofEpochMilli(clock.wallTimeMillis());
        Random noise = new Random(7);
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("seed", 42);
        config.putObject("data").put("name", "fashion-mnist-mini");
        config.putObject("model").put("name", "mlp").put("activation", "relu").putArray("hidden").add(128);
        config.putObject("optimizer").put("name", "adam").put("lr", 0.001);
        config.putObject("schedule").putObject("best_metric").put("name", "loss");
        RunProvenance provenance = RunProvenance.started(new BuildInfo("0.1.0-SNAPSHOT", Optional.of("abc123")), config,
                Map.of("init", 42L, "data", 7L), List.of(dataset()), environment().withDistributed(distributed), start);
        CheckpointStore store = writeCheckpoints
                ? CheckpointStore.open(CheckpointLayout.checkpointsDir(dir), clock) : null;
        double elapsed = 0;
        long lastCheckpointStep = 0;
        double lastCheckpointElapsed = 0;
        double best = Double.POSITIVE_INFINITY;
        try (JsonlMetricSink sink = JsonlMetricSink.openIn(dir)) {
            long step = 1;
            boolean crashed = false;
            double nextEval = evalEverySeconds;
            double nextSave = saveEverySeconds;
            while (step <= steps) {
                double thisStep = stepSeconds * (1 + stepJitter * Math.abs(noise.nextGaussian()));
                elapsed += thisStep;
                clock.add(Duration.ofNanos((long) (thisStep * 1e9)));
                double loss = 2.3 * Math.exp(-step / (steps / 4.0)) + 0.25 + 0.05 * noise.nextGaussian();
                if (step == 1 || step % logEvery == 0) {
                    sink.write(event(MetricEventType.LOG, step, elapsed, clock)
                            .value("loss", nonFiniteLossSteps.contains(step) ? Double.NaN : loss)
                            .value("lr", learningRate(step)).value("samples_per_s", 64 / thisStep).build());
                }
                boolean evalDue = evalEverySeconds > 0 ? elapsed >= nextEval : step % evalEvery == 0;
                if (evaluate && (evalDue || step == steps)) {
                    while (evalEverySeconds > 0 && nextEval <= elapsed) {
                        nextEval += evalEverySeconds;
                    }
                    elapsed += evalSeconds;
                    clock.add(Duration.ofNanos((long) (evalSeconds * 1e9)));
                    double evalLoss = loss + 0.05;
                    boolean improved = evalLoss < best;
                    best = Math.min(best, evalLoss);
                    MetricEvent.Builder eval = event(MetricEventType.EVAL, step, elapsed, clock).value("eval_loss", evalLoss);
                    if (extraEvalMetric != null) {
                        eval.value(extraEvalMetric, 0.9 - evalLoss / 4);
                    }
                    sink.write(eval.value("eval_duration_s", evalSeconds).value("eval_improved", improved ? 1L : 0L)
                            .value("eval_cause", step == steps ? "end" : evalEverySeconds > 0
                                    ? ValueFormat.timeTick(evalEverySeconds) : evalEvery + " steps").build());
                }
                boolean saveDue = saveEverySeconds > 0 ? elapsed >= nextSave : step % saveEvery == 0;
                if (save && (saveDue || step == steps)) {
                    while (saveEverySeconds > 0 && nextSave <= elapsed) {
                        nextSave += saveEverySeconds;
                    }
                    elapsed += saveSeconds;
                    clock.add(Duration.ofNanos((long) (saveSeconds * 1e9)));
                    long bytes = 0;
                    if (store != null) {
                        bytes = store.write(payload(step, elapsed, config, best)).bytes();
                    }
                    sink.write(event(MetricEventType.SAVE, step, elapsed, clock)
                            .value("checkpoint", "checkpoints/" + CheckpointLayout.dirName(step))
                            .value("save_duration_s", saveSeconds).value("save_stall_s", saveSeconds)
                            .value("checkpoint_bytes", bytes).value("save_cause", step == steps ? "end" : saveEverySeconds > 0
                                    ? ValueFormat.timeTick(saveEverySeconds) : saveEvery + " steps")
                            .build());
                    lastCheckpointStep = step;
                    lastCheckpointElapsed = elapsed;
                }
                if (step == crashAfterStep && !crashed) {
                    crashed = true;
                    clock.add(Duration.ofMinutes(5));
                    step = lastCheckpointStep;
                    elapsed = lastCheckpointElapsed;
                    nextEval = evalEverySeconds * (Math.floor(elapsed / Math.max(evalEverySeconds, 1e-9)) + 1);
                    nextSave = saveEverySeconds * (Math.floor(elapsed / Math.max(saveEverySeconds, 1e-9)) + 1);
                    sink.write(event(MetricEventType.RESUME, step, elapsed, clock)
                            .value("checkpoint", "checkpoints/" + CheckpointLayout.dirName(step)).build());
                    provenance = provenance.resumed(new ResumeRecord("checkpoints/" + CheckpointLayout.dirName(step), step,
                            Instant.ofEpochMilli(clock.wallTimeMillis())));
                }
                step++;
            }
            if (endStatus != null) {
                MetricEvent.Builder end = event(MetricEventType.END, steps, elapsed, clock).value("status", endStatus);
                if (endStatus.equals("failed")) {
                    end.value("error", "loss became NaN at step " + steps);
                } else {
                    end.value("stop_reason", stopReason);
                }
                if (Double.isFinite(best)) {
                    end.value("best_eval_loss", best);
                }
                sink.write(end.build());
                provenance = provenance.ended(RunStatus.fromWireName(endStatus.equals("stopped") ? "stopped" : endStatus),
                        Instant.ofEpochMilli(clock.wallTimeMillis()), Double.isFinite(best) ? Map.of("eval_loss", best) : Map.of(),
                        "9f3c" + "0".repeat(60));
            }
        }
        if (writeProvenance) {
            ProvenanceFile.writeIn(dir, provenance);
        }
        if (writeConfig) {
            String text = configYaml != null ? configYaml : String.format(CONFIG_YAML, steps, evalEvery);
            Files.writeString(dir.resolve(RunDirectoryReader.CONFIG_FILE), text, StandardCharsets.UTF_8);
        }
        if (explain != null) {
            ExplainFile.write(dir.resolve(ExplainFile.FILE_NAME), explain);
        }
        return dir;
    }

    private double learningRate(long step) {
        if (!cosineLr) {
            return 0.001;
        }
        long warmup = Math.max(1, steps / 20);
        if (step < warmup) {
            return 0.001 * step / warmup;
        }
        return 0.00001 + 0.5 * (0.001 - 0.00001) * (1 + Math.cos(Math.PI * (step - warmup) / (steps - warmup)));
    }

    private double epochOf(long step) {
        return step / 100.0;
    }

    private MetricEvent.Builder event(MetricEventType type, long step, double elapsed, MockClock clock) {
        return MetricEvent.builder(type).step(step).epoch(epochOf(step)).elapsedSeconds(elapsed).timestamp(clock);
    }

    private static CheckpointPayload payload(long step, double elapsed, JsonNode config, double best) {
        JsonNode state = new ObjectMapper().createObjectNode().put("step", step);
        return new CheckpointPayload(step, step / 100, elapsed,
                Map.of("dense.weight", TensorData.ofFloats(new long[] {4, 4}, new float[16])),
                Map.of("dense.weight.m", TensorData.ofFloats(new long[] {4, 4}, new float[16])), state, config,
                Double.isFinite(best) ? new Metric("eval_loss", best) : null);
    }

    private static DatasetProvenance dataset() {
        return new DatasetProvenance("fashion-mnist-mini-train", "embedded:fashion-mnist-mini",
                List.of(new DataFile("embedded:fashion-mnist-mini/train.idx.gz", 123_456, "ab".repeat(32))), 2000, 784, 10,
                "MIT", DataClass.OPEN);
    }

    private static EnvironmentProvenance environment() {
        Properties properties = new Properties();
        properties.setProperty("java.vendor", "Debian");
        properties.setProperty("java.version", "17.0.15");
        properties.setProperty("os.name", "Linux");
        properties.setProperty("os.version", "6.1.0");
        properties.setProperty("os.arch", "amd64");
        return EnvironmentProvenance.from(properties, 2, 2L << 30, Map.of("djl", "0.35.1", "pytorch", "2.7.1"))
                .withDevice("cpu()").withThreads(Map.of("interop", 1, "intraop", 2));
    }
}
