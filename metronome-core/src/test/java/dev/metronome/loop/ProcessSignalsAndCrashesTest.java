package dev.metronome.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.task.StepContext;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.Clock;
import dev.metronome.time.MockClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes, real signals, real files: a few bounded tests. */
class ProcessSignalsAndCrashesTest {

    @TempDir
    Path runDir;

    @Test
    @Timeout(120)
    void killedWithSigkillAtRandomMoments_resumesEachTime_andFinishesWithTheUninterruptedParameters() throws Exception {
        long maxSteps = 3000;
        SplittableRandom moments = new SplittableRandom(2026);
        int kills = 0;
        int resumes = 0;
        int exitCode = -1;
        for (int round = 0; round < 12 && exitCode != 0; round++) {
            ChildProcess child = ChildProcess.start(runDir, maxSteps, "fast");
            boolean lastRound = round == 11;
            // Random moments counted in the child's own progress (2-6 reports of 100 steps, then up to 150 ms),
            // not from its launch: on a loaded machine a slow JVM must still be killed while it trains and
            // saves, not while it boots.
            long killAfterMillis = moments.nextInt(150);
            if (!lastRound) {
                child.awaitStepReports(2 + moments.nextInt(5), Duration.ofSeconds(60));
            }
            if (!lastRound && !child.process.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
                child.process.destroyForcibly();
                child.process.waitFor();
                kills++;
            } else {
                child.process.waitFor(60, TimeUnit.SECONDS);
                exitCode = child.process.exitValue();
            }
            if (child.output().stream().anyMatch(line -> line.startsWith("resumed from"))) {
                resumes++;
            }
            CheckpointStore store = CheckpointStore.open(runDir.resolve("checkpoints"), Clock.SYSTEM);
            assertThat(store.list()).allSatisfy(info -> assertThat(info.isOk()).as(info.name()).isTrue());
        }

        assertThat(exitCode).isZero();
        assertThat(kills).as("the child was killed mid-run").isGreaterThanOrEqualTo(2);
        assertThat(resumes).as("and resumed from a checkpoint").isGreaterThanOrEqualTo(1);
        CheckpointInfo last = CheckpointStore.open(runDir.resolve("checkpoints"), Clock.SYSTEM).latestValid().checkpoint().orElseThrow();
        assertThat(last.step()).isEqualTo(maxSteps);
        TensorData weights = SafetensorsReader.read(last.path().resolve("model.safetensors")).tensors().get("weights");
        assertThat(weights).isEqualTo(uninterruptedWeights(maxSteps));
    }

    @Test
    @Timeout(60)
    void sigtermMidStep_savesTheCurrentStep_andExits143() throws Exception {
        ChildProcess child = ChildProcess.start(runDir, 1_000_000, "fast");
        child.awaitLine("step 400", Duration.ofSeconds(30));

        child.process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout

        assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).isEqualTo(143);
        String stopped = child.awaitLine("stopped", Duration.ofSeconds(5));
        long step = Long.parseLong(stopped.substring(stopped.lastIndexOf(' ') + 1));
        assertThat(stopped).startsWith("stopped SIGNAL_TERM at ");
        assertThat(step).isGreaterThanOrEqualTo(400);
        CheckpointInfo latest = CheckpointStore.open(runDir.resolve("checkpoints"), Clock.SYSTEM).latestValid().checkpoint().orElseThrow();
        assertThat(latest.step()).isEqualTo(step);
        assertThat(latest.isOk()).isTrue();
    }

    @Test
    @Timeout(60)
    void sigtermMidEvaluation_abandonsIt_savesTheCurrentStep_andExitsPromptly() throws Exception {
        ChildProcess child = ChildProcess.start(runDir, 1_000_000, "slow-eval");
        child.awaitLine("evaluating", Duration.ofSeconds(30));

        long signalled = System.nanoTime();
        child.process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout

        assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        double secondsToExit = (System.nanoTime() - signalled) / 1e9;
        assertThat(child.process.exitValue()).isEqualTo(143);
        assertThat(child.awaitLine("stopped", Duration.ofSeconds(5))).isEqualTo("stopped SIGNAL_TERM at 500");
        assertThat(secondsToExit).as("the 4 s evaluation was abandoned, not finished").isLessThan(3.0);
        CheckpointInfo latest = CheckpointStore.open(runDir.resolve("checkpoints"), Clock.SYSTEM).latestValid().checkpoint().orElseThrow();
        assertThat(latest.step()).isEqualTo(500);
    }

    private static TensorData uninterruptedWeights(long steps) {
        FakeTask task = new FakeTask(new MockClock(), 1000, ChildTraining.SEED, ChildTraining.SIZE);
        for (long step = 1; step <= steps; step++) {
            task.trainStep(StepContext.of(step, 1000));
        }
        return task.captureState().parameters().get("weights");
    }
}
