package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data-parallel launcher creates {@code logs/} before rank 0 opens the run directory. */
class RunDirectoryLogsTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryHoldingOnlyTheLaunchersLogs_opensAsANewRun() throws Exception {
        Files.createDirectories(dir.resolve("run/logs"));
        Files.writeString(dir.resolve("run/logs/rank-1.log"), "rank 1 started\n");

        try (RunDirectory opened = RunDirectory.open(dir.resolve("run"))) {
            assertThat(opened.path()).isEqualTo(dir.resolve("run"));
        }
        assertThat(RunDirectory.isRun(dir.resolve("run"))).as("its lock file marks it as a run now").isTrue();
    }

    @Test
    void aFileNamedLogs_isStillSomethingElse() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/logs"), "not ours");

        assertThatThrownBy(() -> RunDirectory.open(dir.resolve("run"))).isInstanceOf(RunDirectoryException.class)
                .hasMessageContaining("holds files that are not a Metronome run (logs)");
    }
}
