package dev.metronome.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.provenance.ProvenanceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed, data and model on both engines, each in its own process as a user runs them:
 * five epochs of the MLP on the embedded images end within one point of accuracy, and the
 * evaluation losses follow the same curve.
 */
class EnginesAgreeIT {

    @TempDir
    Path work;

    private List<Double> evalLosses(String engine) throws Exception {
        LauncherRun run = LauncherRun.start(work, "train", "--engine", engine, "--model", "mlp", "--seed", "7",
                "--max-steps", "705", "--eval-every", "141 steps", "--save-every", "no", "--set", "engine.threads=1",
                "--quiet", "--output-dir", engine);
        assertThat(run.await(Duration.ofMinutes(3))).as(run.err()).isZero();
        return MetricsLogReader.read(work.resolve(engine).resolve("metrics.jsonl")).events().stream()
                .filter(event -> event.type() == MetricEventType.EVAL)
                .map(event -> event.number("eval_loss").orElseThrow()).toList();
    }

    private double accuracy(String engine) throws IOException {
        return ProvenanceFile.readIn(work.resolve(engine)).finalMetrics().get("eval_accuracy");
    }

    @Test
    @Timeout(400)
    void fiveEpochsOfTheMlp_endWithinOnePointOfAccuracy_alongTheSameLossCurve() throws Exception {
        List<Double> djl = evalLosses("djl");
        List<Double> torch = evalLosses("torch");

        assertThat(accuracy("torch")).isCloseTo(accuracy("djl"), within(0.01));
        assertThat(accuracy("torch")).isGreaterThan(0.8);
        assertThat(torch).hasSameSizeAs(djl).hasSize(5);
        for (int i = 0; i < djl.size(); i++) {
            assertThat(torch.get(i)).as("eval loss %d", i + 1).isCloseTo(djl.get(i), within(0.05 * djl.get(i)));
        }
        assertThat(torch.get(4)).isLessThan(0.75 * torch.get(0));
        assertThat(djl.get(4)).isLessThan(0.75 * djl.get(0));
    }
}
