package dev.metronome.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.Metric;
import dev.metronome.cli.CliHarness;
import dev.metronome.cli.CliHarness.Result;
import dev.metronome.cli.CliTestSupport;
import dev.metronome.schedule.SchedulerState;
import dev.metronome.state.TrainerState;
import dev.metronome.state.TrainerStateJson;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.ElapsedTime;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path dir;

    Path run;
    CliHarness cli;

    @BeforeEach
    void writeCheckpoints() throws IOException {
        cli = CliTestSupport.harness(dir);
        run = dir.resolve("run");
        MockClock clock = new MockClock();
        CheckpointStore store = CheckpointStore.open(CheckpointLayout.checkpointsDir(run), clock);
        for (long step : new long[] {10, 20, 30}) {
            clock.addSeconds(10);
            store.write(payload(step, 1.0 / step));
        }
    }

    private static CheckpointPayload payload(long step, double loss) {
        SchedulerState scheduler = new SchedulerState(step, Map.of(), false, loss, step, loss, 0, 0, 0);
        TrainerState state = new TrainerState(TrainerState.FORMAT_VERSION, step, 10, (step - 1) / 10,
                new ElapsedTime(step * 1_000_000_000L, 200_000_000L, 0, 0, 0), scheduler, null,
                JsonNodeFactory.instance.objectNode());
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("seed", 42);
        return new CheckpointPayload(step, (step - 1) / 10, step, Map.of("layer.weight", TensorData.ofFloats(new long[] {2, 3},
                1, 2, 3, 4, 5, 6), "layer.bias", TensorData.ofFloats(new long[] {2}, 0, 0)),
                Map.of("layer.weight.exp_avg", TensorData.ofFloats(new long[] {2, 3}, 0, 0, 0, 0, 0, 0)),
                TrainerStateJson.toJson(state), config, new Metric("eval_loss", loss));
    }

    private void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x10;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Test
    void runDirectory_listsEveryCheckpoint_andDescribesTheNewestValid() {
        Result result = cli.run("inspect", "run");
        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("run " + run + ": no run.json");
        assertThat(lines.get(1)).isEqualTo("checkpoints: 3 (3 ok, 0 corrupt)");
        assertThat(lines.get(2)).startsWith("  checkpoint-10").contains("step 10 ").contains("2026-01-01T00:00:10Z")
                .contains("eval_loss 0.100").endsWith("ok");
        assertThat(lines).anyMatch(line -> line.startsWith("  checkpoint-30 (" + run.resolve("checkpoints/checkpoint-30")
                + "): ok"));
        assertThat(lines).anyMatch(line -> line.equals("    model: 2 tensors, 8 values (F32)"));
        assertThat(lines).anyMatch(line -> line.equals("    optimizer: 1 tensors, 6 values (F32)"));
        assertThat(lines).anyMatch(line -> line.startsWith("    trainer state: step 30 · 10 steps per epoch (epoch 2) · "
                + "elapsed 30s (evaluating 0.2s, saving 0s) · best 0.033 at step 30"));
        assertThat(lines).anyMatch(line -> line.matches("      model\\.safetensors +\\d+ B  sha256 [0-9a-f]{64}"));
    }

    @Test
    void corruptCheckpoints_areListedWithTheirReason_andExit1() throws IOException {
        flipLastByte(run.resolve("checkpoints/checkpoint-30/optimizer.safetensors"));
        Files.delete(run.resolve("checkpoints/checkpoint-10/trainer_state.json"));
        Result result = cli.run("inspect", "run");
        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(1)).isEqualTo("checkpoints: 3 (1 ok, 2 corrupt)");
        assertThat(lines.get(2)).startsWith("  checkpoint-10").endsWith(
                "corrupt: checkpoint-10/trainer_state.json: listed in manifest.json but missing");
        assertThat(lines.get(4)).startsWith("  checkpoint-30").contains(
                "corrupt: checkpoint-30/optimizer.safetensors: SHA-256 mismatch (expected ");
        assertThat(lines).anyMatch(line -> line.startsWith("  checkpoint-20 (") && line.endsWith("): ok"));
        assertThat(result.errLines()).containsExactly("error: 2 of 3 checkpoints are corrupt: checkpoint-10, checkpoint-30");
    }

    @Test
    void oneCheckpoint_isVerifiedAndDescribed() {
        Result result = cli.run("inspect", "run/checkpoints/checkpoint-20");
        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).endsWith("checkpoint-20): ok");
        assertThat(lines.get(1)).isEqualTo("  step 20 · epoch 1 · created 2026-01-01T00:00:20Z · elapsed 20s");
        assertThat(lines.get(2)).isEqualTo("  metric eval_loss 0.050");
        assertThat(lines.get(3)).isEqualTo("  files:");
        assertThat(lines.subList(4, 8)).allMatch(line -> line.matches("    \\S+ +\\d+(\\.\\d)? K?B  sha256 [0-9a-f]{64}"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void oneCorruptCheckpoint_listsEveryProblem_andExits1() throws IOException {
        flipLastByte(run.resolve("checkpoints/checkpoint-20/model.safetensors"));
        Files.delete(run.resolve("checkpoints/checkpoint-20/config.json"));
        Result result = cli.run("inspect", "run/checkpoints/checkpoint-20");
        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).endsWith("checkpoint-20): corrupt");
        assertThat(lines).anyMatch(line -> line.startsWith("  problem: checkpoint-20/model.safetensors: SHA-256 mismatch"));
        assertThat(lines).contains("  problem: checkpoint-20/config.json: listed in manifest.json but missing");
        assertThat(result.errLines().get(0)).startsWith("error: checkpoint-20 is corrupt: ");
    }

    @Test
    void inspecting_neverCleansUpALiveRunsWorkInProgress() throws IOException {
        Path inProgress = run.resolve("checkpoints/.tmp-checkpoint-40-abc");
        Files.createDirectories(inProgress);
        Files.writeString(inProgress.resolve("model.safetensors"), "partial");
        assertThat(cli.run("inspect", "run").exitCode()).isZero();
        assertThat(inProgress.resolve("model.safetensors")).exists();
    }

    @Test
    void somethingElse_isRefused_exit1() {
        Result missing = cli.run("inspect", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines()).containsExactly(
                "error: nope: not found; expected a checkpoint-<step> directory or a run directory");
        Result empty = cli.run("inspect", ".");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.errLines()).containsExactly("error: .: neither a checkpoint-<step> directory nor a run directory "
                + "(no run.json or checkpoints/ inside)");
    }
}
