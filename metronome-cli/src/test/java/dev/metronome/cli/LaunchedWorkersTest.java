package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --nproc-per-node 2} through the real launcher and two real worker JVMs running the
 * command line itself. The DJL engine cannot join a group, so each worker stops with a
 * configuration error: what is tested is the launch (the run directory made once and passed
 * absolute, the other rank's log, its error named, the exit status).
 */
class LaunchedWorkersTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void twoWorkers_getTheRunDirectory_logTheOtherRank_andTheLauncherNamesTheFailedRank() throws Exception {
        CliHarness cli = new CliHarness(dir);

        CliHarness.Result result = cli.run("train", "--nproc-per-node", "2", "--max-steps", "3", "--batch-size", "64");

        assertThat(result.exitCode()).isEqualTo(2);
        List<Path> runs;
        try (Stream<Path> entries = Files.list(dir.resolve("runs"))) {
            runs = entries.toList();
        }
        assertThat(runs).hasSize(1);
        Path run = runs.get(0);
        assertThat(result.err()).contains("launching 2 workers (ranks 0-1 of 2, rendezvous 127.0.0.1:")
                .containsPattern("rank [01] \\(pid \\d+\\) exited with status 2")
                .contains("engine.name=djl has no data-parallel training (WORLD_SIZE=2)");
        // Rank 1's console goes to its log; when rank 0 fails first, the launcher stops rank 1,
        // which may be before it has printed anything.
        String rankOneLog = Files.readString(run.resolve("logs/rank-1.log"));
        if (!rankOneLog.isEmpty() || result.err().contains("rank 1 (pid")) {
            assertThat(rankOneLog).contains("error: engine.name=djl has no data-parallel training (WORLD_SIZE=2)");
        }
        try (Stream<Path> entries = Files.list(run)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactly("logs");
        }
    }
}
