package dev.metronome.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.tensor.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training on the torch engine as a user runs it: {@code ./metronome train
 * --nproc-per-node 2} starts two worker JVMs that meet on loopback through c10d (TCPStore + Gloo).
 * Bounded: the MLP on the embedded images, a few hundred steps, one thread per rank.
 */
class TorchDistributedIT {

    @TempDir
    Path work;

    private static final String[] MLP = {"--engine", "torch", "--model", "mlp", "--seed", "4", "--batch-size", "128",
        "--set", "engine.threads=1", "--quiet"};

    private LauncherRun train(String... args) throws IOException {
        String[] all = new String[MLP.length + args.length + 1];
        all[0] = "train";
        System.arraycopy(MLP, 0, all, 1, MLP.length);
        System.arraycopy(args, 0, all, 1 + MLP.length, args.length);
        return LauncherRun.start(work, all);
    }

    private static Map<String, TensorData> finalParameters(Path run, long step) throws IOException {
        return SafetensorsReader.read(run.resolve("checkpoints/checkpoint-" + step + "/model.safetensors")).tensors();
    }

    private static List<Long> evaluationSteps(Path run) throws IOException {
        return MetricsLogReader.read(run.resolve("metrics.jsonl")).events().stream()
                .filter(event -> event.type() == MetricEventType.EVAL).map(event -> event.step()).toList();
    }

    @Test
    @Timeout(300)
    void twoRanks_trainWhatOneRankTrains_withTheSameGlobalBatch() throws Exception {
        LauncherRun two = train("--nproc-per-node", "2", "--max-steps", "150", "--eval-every", "50 steps",
                "--save-every", "no", "--output-dir", "two");
        assertThat(two.await(Duration.ofMinutes(3))).as(two.err()).isZero();
        LauncherRun one = train("--max-steps", "150", "--eval-every", "50 steps", "--save-every", "no",
                "--output-dir", "one");
        assertThat(one.await(Duration.ofMinutes(2))).as(one.err()).isZero();

        RunProvenance provenance = ProvenanceFile.readIn(work.resolve("two"));
        assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(provenance.environment().distributed().worldSize()).isEqualTo(2);
        assertThat(provenance.environment().distributed().backend()).isEqualTo("gloo");
        assertThat(work.resolve("two/logs/rank-1.log")).isNotEmptyFile();
        assertThat(evaluationSteps(work.resolve("two"))).containsExactly(50L, 100L, 150L)
                .isEqualTo(evaluationSteps(work.resolve("one")));

        Map<String, TensorData> a = finalParameters(work.resolve("two"), 150);
        Map<String, TensorData> b = finalParameters(work.resolve("one"), 150);
        assertThat(a.keySet()).isEqualTo(b.keySet());
        double largest = 0;
        for (String name : a.keySet()) {
            float[] x = a.get(name).toFloatArray();
            float[] y = b.get(name).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                largest = Math.max(largest, Math.abs(x[i] - y[i]));
            }
        }
        assertThat(largest).as("largest difference of a parameter after 150 steps").isLessThanOrEqualTo(1e-5);
    }

    @Test
    @Timeout(300)
    void killingOneWorker_stopsTheGroupNamingTheRank_andAResumeFinishesTheRun() throws Exception {
        LauncherRun run = train("--nproc-per-node", "2", "--max-steps", "100000", "--save-every", "50 steps",
                "--dist-timeout", "20s", "--output-dir", "run");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.isDirectory(work.resolve("run/checkpoints/checkpoint-100")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Optional<ProcessHandle> rankOne = run.process.toHandle().descendants()
                .filter(handle -> environmentOf(handle).contains("RANK=1\u0000")).findFirst();
        assertThat(rankOne).as("the worker of rank 1").isPresent();
        long killedAt = System.nanoTime();
        rankOne.get().destroyForcibly();

        assertThat(run.await(Duration.ofMinutes(2))).isEqualTo(137);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(60));
        assertThat(run.err()).contains("rank 1 (pid " + rankOne.get().pid() + ") was killed by SIGKILL (exit 137)");
        assertThat(run.process.toHandle().descendants().filter(ProcessHandle::isAlive)).isEmpty();

        LauncherRun resumed = LauncherRun.start(work, "train", "--nproc-per-node", "2", "--resume", "latest",
                "--output-dir", "run", "--max-steps", "250", "--quiet");
        assertThat(resumed.await(Duration.ofMinutes(3))).as(resumed.err()).isZero();
        RunProvenance provenance = ProvenanceFile.readIn(work.resolve("run"));
        assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(provenance.finalStep()).isEqualTo(250);
        assertThat(provenance.resumedFrom()).hasSize(1);
    }

    @Test
    @Timeout(400)
    void localSgd_syncsOnRankZerosRhythm_recordsEverySync_andResumesBitForBit() throws Exception {
        String[] localSgd = {"--nproc-per-node", "2", "--set", "distributed.sync=10 steps", "--set", "distributed.outer=nesterov",
            "--save-every", "30 steps", "--eval-every", "30 steps"};
        LauncherRun straight = train(concat(localSgd, "--max-steps", "60", "--output-dir", "straight"));
        assertThat(straight.await(Duration.ofMinutes(3))).as(straight.err()).isZero();

        List<dev.metronome.metrics.MetricEvent> syncs = MetricsLogReader.read(work.resolve("straight/metrics.jsonl")).events()
                .stream().filter(event -> event.type() == MetricEventType.SYNC).toList();
        assertThat(syncs).extracting(event -> event.step()).containsExactly(10L, 20L, 30L, 40L, 50L, 60L);
        for (dev.metronome.metrics.MetricEvent sync : syncs) {
            assertThat(sync.number("rank0_steps")).hasValue(10);
            assertThat(sync.number("rank1_steps")).hasValue(10);
            assertThat(sync.values()).containsKeys("wait_s", "sync_duration_s", "rank1_wait_s");
        }
        assertThat(evaluationSteps(work.resolve("straight"))).containsExactly(30L, 60L);
        assertThat(Files.readString(work.resolve("straight/report.html"))).contains("data-lane=\"sync\"");
        assertThat(Files.readString(work.resolve("straight/config.yaml"))).contains("sync: 10 steps");
        LauncherRun evaluate = LauncherRun.start(work, "evaluate", "straight");
        assertThat(evaluate.await(Duration.ofMinutes(2))).as("evaluate on a local SGD checkpoint: " + evaluate.err()).isZero();

        LauncherRun half = train(concat(localSgd, "--max-steps", "30", "--output-dir", "halves"));
        assertThat(half.await(Duration.ofMinutes(3))).as(half.err()).isZero();
        LauncherRun rest = LauncherRun.start(work, "train", "--nproc-per-node", "2", "--resume", "latest",
                "--output-dir", "halves", "--max-steps", "60", "--quiet");
        assertThat(rest.await(Duration.ofMinutes(3))).as(rest.err()).isZero();

        Map<String, TensorData> expected = finalParameters(work.resolve("straight"), 60);
        Map<String, TensorData> actual = finalParameters(work.resolve("halves"), 60);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String name : expected.keySet()) {
            assertThat(actual.get(name).toByteArray()).as(name).isEqualTo(expected.get(name).toByteArray());
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static String environmentOf(ProcessHandle handle) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(handle.pid()), "environ"));
        } catch (IOException e) {
            return "";
        }
    }
}
