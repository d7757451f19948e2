package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.loop.FakeTask;
import dev.metronome.task.NonFiniteLossException;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.StopSignal;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json across sessions: a resume that fails, does nothing, or owes a final evaluation never loses the record. */
class RunRecordAcrossSessionsTest {

    @TempDir
    Path runDir;

    private final MockClock clock = new MockClock();

    private static ScheduleConfig schedule(long maxSteps) {
        return ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .evaluate(ActionSchedule.every("10 steps"))
                .save(ActionSchedule.every("10 steps"))
                .build();
    }

    private RunOutcome train(ResumeRequest resume, long maxSteps, StopSignal stop, UnaryOperator<FakeTask> shape)
            throws IOException {
        FakeTask task = shape.apply(new FakeTask(clock, 10, 5, 16).evaluationBatchesTake(Duration.ofMillis(10), 4));
        return TrainingRun.builder().runDirectory(runDir).task(task).schedule(schedule(maxSteps)).clock(clock)
                .resume(resume).stopSignal(stop).build().run();
    }

    private RunOutcome train(ResumeRequest resume, long maxSteps) throws IOException {
        return train(resume, maxSteps, new StopSignal(), UnaryOperator.identity());
    }

    @Test
    void aResumeThatFailsBeforeItsFirstStep_leavesTheCompletedRecordAsItWas() throws IOException {
        train(ResumeRequest.none(), 40);
        String before = Files.readString(runDir.resolve(ProvenanceFile.FILE_NAME));

        assertThatThrownBy(() -> train(ResumeRequest.latest(), 80, new StopSignal(),
                task -> task.nonFiniteAt(step -> step == 41)))
                .isInstanceOf(NonFiniteLossException.class);

        assertThat(runDir.resolve(ProvenanceFile.FILE_NAME)).hasContent(before);
        assertThat(ProvenanceFile.readIn(runDir).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aResumeWithNothingLeftToDo_keepsTheCompletedRecordAndItsFinalMetrics() throws IOException {
        RunOutcome first = train(ResumeRequest.none(), 40);
        RunProvenance before = ProvenanceFile.readIn(runDir);
        assertThat(before.finalMetrics()).containsKeys("eval_loss", "eval_accuracy");

        train(ResumeRequest.latest(), 40);

        RunProvenance after = ProvenanceFile.readIn(runDir);
        assertThat(after.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(after.finalMetrics()).isEqualTo(before.finalMetrics());
        assertThat(after.finalStep()).isEqualTo(40L);
        assertThat(after.finalParameterHash()).isEqualTo(first.parameterHash());
    }

    @Test
    void aSignalDuringTheFinalEvaluation_leavesThatEvaluationToTheResume() throws IOException {
        StopSignal stop = new StopSignal();
        FakeTask[] shaped = new FakeTask[1];
        RunOutcome stopped = train(ResumeRequest.none(), 40, stop, task -> {
            shaped[0] = task.duringEvaluation(() -> {
                if (shaped[0].updates() == 40) {
                    stop.raise(StopReason.SIGNAL_TERM);
                }
            });
            return shaped[0];
        });
        assertThat(stopped.fit().stopReason()).isEqualTo(StopReason.SIGNAL_TERM);
        assertThat(stopped.fit().lastEvaluation().step()).as("the final evaluation was interrupted").isEqualTo(30);

        RunOutcome resumed = train(ResumeRequest.latest(), 40);

        assertThat(resumed.fit().lastEvaluation()).isNotNull();
        assertThat(resumed.fit().lastEvaluation().step()).isEqualTo(40);
        RunProvenance after = ProvenanceFile.readIn(runDir);
        assertThat(after.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(after.finalMetrics()).containsKeys("eval_loss", "eval_accuracy");
    }

    @Test
    void aDirectoryHoldingOtherFiles_isRefusedBeforeAnythingIsWritten() throws IOException {
        Files.writeString(runDir.resolve("config.yaml"), "# mine\n");

        assertThatThrownBy(() -> train(ResumeRequest.none(), 10))
                .isInstanceOf(RunDirectoryException.class)
                .hasMessage(runDir + ": holds files that are not a Metronome run (config.yaml); Metronome writes only"
                        + " into a new or empty directory or a run directory; choose another one");
        try (var entries = Files.list(runDir)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactly("config.yaml");
        }
        assertThat(runDir.resolve("config.yaml")).hasContent("# mine");
    }

    @Test
    void twoRunsCreatedUnderTheSameName_getTheirOwnDirectories() throws IOException {
        try (RunDirectory first = RunDirectory.createUnique(runDir, "20260101-000000");
             RunDirectory second = RunDirectory.createUnique(runDir, "20260101-000000")) {
            assertThat(first.path().getFileName()).hasToString("20260101-000000");
            assertThat(second.path().getFileName()).hasToString("20260101-000000-2");
        }
    }
}
