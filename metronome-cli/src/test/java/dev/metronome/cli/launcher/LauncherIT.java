package dev.metronome.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./metronome} as a user would, with real training on the embedded data, and reads
 * back what it left. One intra-op thread: on a shared 2-core machine two OpenMP threads competing
 * with another process slow training down by orders of magnitude.
 */
class LauncherIT {

    @TempDir
    Path work;

    @Test
    @Timeout(180)
    void train_keepsItsTimeRhythm_andLeavesTheWholeRunDirectory() throws Exception {
        LauncherRun run = LauncherRun.start(work, "train", "--max-time", "12s", "--eval-every", "3s", "--log-every", "1s",
                "--save-every", "5s", "--set", "engine.threads=1", "--output-dir", "run");

        assertThat(run.await(Duration.ofMinutes(2))).as(run.err()).isZero();
        Path dir = work.resolve("run");
        for (String file : List.of("config.yaml", "metrics.jsonl", "metrics.csv", "run.json", "report.html")) {
            assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.list(dir.resolve("tensorboard"))).anyMatch(f -> f.getFileName().toString().startsWith("events.out.tfevents."));
        assertThat(run.out()).contains("eval @ step ").contains("done @ step ");

        List<MetricEvent> events = MetricsLogReader.read(dir.resolve("metrics.jsonl")).events();
        List<MetricEvent> timed = events.stream()
                .filter(e -> e.type() == MetricEventType.EVAL && "3s".equals(e.values().get("eval_cause"))).toList();
        assertThat(timed).as("evaluations at 3s, 6s, 9s").hasSize(3);
        for (int k = 0; k < timed.size(); k++) {
            double started = timed.get(k).elapsedSeconds() - timed.get(k).number("eval_duration_s").orElseThrow();
            assertThat(started - 3.0 * (k + 1)).as("lateness of evaluation %d", k + 1).isBetween(-0.001, 0.25);
        }
        MetricEvent end = events.get(events.size() - 1);
        assertThat(end.type()).isEqualTo(MetricEventType.END);
        assertThat(end.elapsedSeconds()).isLessThanOrEqualTo(12.0);
        assertThat(events).filteredOn(e -> e.type() == MetricEventType.SAVE).isNotEmpty();

        RunProvenance provenance = ProvenanceFile.readIn(dir);
        assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(provenance.finalParameterHash()).matches("[0-9a-f]{64}");
        assertThat(CheckpointStore.openReadOnly(dir.resolve("checkpoints"), Clock.SYSTEM).list())
                .isNotEmpty().allSatisfy(info -> assertThat(info.isOk()).isTrue());
    }

    @Test
    @Timeout(120)
    void aMisspelledTrigger_isOneLineOnStandardError_withExitStatus2() throws Exception {
        LauncherRun run = LauncherRun.start(work, "train", "--eval-every", "5 minuets");

        assertThat(run.await(Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("error: schedule.evaluate.every: \"5 minuets\": unknown unit 'minuets'; "
                + "expected steps, epochs or a duration like 30s, 5m, 1h30m (from --eval-every)");
        assertThat(work.resolve("runs")).doesNotExist();
    }

    @Test
    @Timeout(240)
    void sigterm_savesTheCurrentStepAndExits143_thenResumeLatestContinuesIt() throws Exception {
        LauncherRun run = LauncherRun.start(work, "train", "--max-time", "10m", "--log-every", "1s",
                "--set", "engine.threads=1", "--output-dir", "run");
        run.awaitLine("step ", 200, Duration.ofMinutes(2));

        run.process.toHandle().destroy(); // SIGTERM to the JVM: the launcher exec's java

        assertThat(run.await(Duration.ofMinutes(1))).as(run.err()).isEqualTo(143);
        String saved = run.outLines().stream().filter(line -> line.startsWith("save @ step ")).reduce((a, b) -> b).orElseThrow();
        assertThat(saved).endsWith("[signal]");
        long step = LauncherRun.stepOf(saved);
        CheckpointInfo latest = CheckpointStore.openReadOnly(work.resolve("run/checkpoints"), Clock.SYSTEM)
                .latestValid().checkpoint().orElseThrow();
        assertThat(latest.step()).isEqualTo(step);
        assertThat(ProvenanceFile.readIn(work.resolve("run")).status()).isEqualTo(RunStatus.STOPPED);

        LauncherRun inspect = LauncherRun.start(work, "inspect", "run");
        assertThat(inspect.await(Duration.ofMinutes(1))).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("checkpoint-" + step);

        LauncherRun resumed = LauncherRun.start(work, "train", "--resume", "latest", "--output-dir", "run",
                "--max-steps", Long.toString(step + 300));
        assertThat(resumed.await(Duration.ofMinutes(2))).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resumed from checkpoints/checkpoint-" + step)
                .contains("done @ step " + (step + 300) + " ");
        assertThat(MetricsLogReader.read(work.resolve("run/metrics.jsonl")).events())
                .filteredOn(e -> e.type() == MetricEventType.RESUME).singleElement()
                .satisfies(e -> assertThat(e.step()).isEqualTo(step));
    }
}
