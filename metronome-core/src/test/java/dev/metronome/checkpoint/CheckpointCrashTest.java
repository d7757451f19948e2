package dev.metronome.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.time.MockClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random (seeded) moments while it writes multi-megabyte
 * checkpoints in a tight loop, several rounds over the same directory, and checks after each round
 * that nothing half-written ever looks like a checkpoint.
 */
class CheckpointCrashTest {

    private static final int ROUNDS = 6;
    private static final long SEED = 20_260_101L;
    private static final int TENSOR_MIB = 1;

    @TempDir
    Path dir;

    @TempDir
    Path logs;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigkillAtRandomMoments_leavesOnlyCompleteCheckpoints_andOpeningCleansUp() throws Exception {
        Random random = new Random(SEED);
        long previousLatest = -1;
        int roundsThatLeftWorkInProgress = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path stderr = logs.resolve("child-" + round + ".err");
            Process child = startChild(round, stderr);
            try (BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line = stdout.readLine();
                assertThat(line).as("child's first completed save; its stderr: %s", read(stderr))
                        .startsWith("written ");
                // A bounded wait on the child, not a sleep: it returns early only if the child died.
                boolean exited = child.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS);
                assertThat(exited).as("child exited by itself; stderr: %s", read(stderr)).isFalse();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            List<String> workInProgress = dotEntries();
            if (!workInProgress.isEmpty()) {
                roundsThatLeftWorkInProgress++;
            }
            for (Path checkpoint : checkpointDirs()) {
                CheckpointVerification verification = CheckpointVerifier.inspect(checkpoint).verification();
                assertThat(verification.isOk()).as("round %d, before reopening: %s", round, verification.reason())
                        .isTrue();
            }

            CheckpointStore store = CheckpointStore.open(dir, new MockClock());

            assertThat(dotEntries()).as("round %d: left after reopening (had %s)", round, workInProgress).isEmpty();
            assertThat(store.list()).as("round %d", round).isNotEmpty().allMatch(CheckpointInfo::isOk);
            LatestValid latest = store.latestValid();
            assertThat(latest.skippedCorrupt()).isEmpty();
            assertThat(latest.checkpoint()).isPresent();
            long latestStep = latest.checkpoint().get().step();
            assertThat(latestStep).as("round %d makes progress", round).isGreaterThanOrEqualTo(previousLatest);
            assertThat(store.load(latest.checkpoint().get().path()).trainerState().get("global_step").asLong())
                    .isEqualTo(latestStep);
            previousLatest = latestStep;
            System.out.printf("round %d: left behind %s; after reopening %s; recovery: %s%n", round,
                    workInProgress, CheckpointStoreTest.names(dir), store.recoveryActions());
        }
        assertThat(roundsThatLeftWorkInProgress).as("kills that landed in the middle of a write").isPositive();
    }

    private Process startChild(int round, Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashingSaveLoop.class.getName(),
                dir.toString(), Long.toString(SEED + round), Integer.toString(TENSOR_MIB))
                .redirectError(stderr.toFile())
                .start();
    }

    private List<String> dotEntries() throws IOException {
        return CheckpointStoreTest.names(dir).stream().filter(name -> name.startsWith(".")).toList();
    }

    private List<Path> checkpointDirs() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String name : CheckpointStoreTest.names(dir)) {
            if (name.startsWith("checkpoint-")) {
                dirs.add(dir.resolve(name));
            }
        }
        return dirs;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
