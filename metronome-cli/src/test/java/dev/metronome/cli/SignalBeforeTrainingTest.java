package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.callback.Callback;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.Reports;
import dev.metronome.cli.run.TrainSession;
import dev.metronome.schedule.StopReason;
import dev.metronome.time.MockClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM in a session's first seconds (while the engine starts and the data loads) neither
 * kills it silently nor leaves a half-made run: before the run directory exists nothing is created
 * and the session says so (once training has begun, the first step boundary saves and stops).
 */
class SignalBeforeTrainingTest {

    @TempDir
    Path dir;

    @Test
    void aSignalWhileTheTaskIsBuilt_stopsBeforeTheRunDirectoryIsCreated_withStatus143() {
        MockClock clock = new MockClock();
        FakeTaskFactory factory = new FakeTaskFactory(clock);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        TrainSession session = new TrainSession(new TrainSession.Settings(clock, factory, Reports.html(),
                new PrintStream(messages, true, StandardCharsets.UTF_8), false));
        factory.onCreate = () -> session.stopSignal().raise(StopReason.SIGNAL_TERM);
        Path run = dir.resolve("runs/a");
        RunConfig config = RunConfig.resolvedDefaults().withOutputDir("runs/a");

        assertThatThrownBy(() -> session.run(config, new TrainSession.Fresh(run, dir.resolve("runs"), null),
                null, c -> new Callback() {}))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(143))
                .hasMessage("stopped by SIGTERM before training started; no run directory was created");
        assertThat(Files.exists(run)).isFalse();
    }
}
