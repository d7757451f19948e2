package dev.metronome.cli.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real worker processes (a small fake main class), bounded: each test is over in seconds. */
class WorkerLauncherTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private WorkerLauncher launcher(int workers, Map<String, String> environment) {
        WorkerLauncher.Settings base = LauncherMain.launcher(dir, workers, environment, false).settings();
        return new WorkerLauncher(new WorkerLauncher.Settings(base.plan(), base.command(), base.workingDirectory(),
                base.environment(), base.logDirectory(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.SYSTEM, base.grace(), false));
    }

    private List<ProcessHandle> awaitPids(int workers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> handles = new ArrayList<>();
        for (int rank = 0; rank < workers; rank++) {
            Path pid = dir.resolve("pid-" + rank);
            while (!Files.exists(pid)) {
                assertThat(System.nanoTime()).as("rank %d started", rank).isLessThan(deadline);
                Thread.sleep(20);
            }
            handles.add(ProcessHandle.of(Long.parseLong(Files.readString(pid))).orElseThrow());
        }
        return handles;
    }

    private String log(int rank) throws IOException {
        return Files.readString(dir.resolve("logs/rank-" + rank + ".log"));
    }

    @Test
    @Timeout(60)
    void workersThatFinish_exitZero_rankZeroOnTheConsole_othersInTheirLogs() throws Exception {
        int status = launcher(3, Map.of("FAKE_MODE", "finish")).run();

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rank 0 of 3 local 0 master 127.0.0.1:29999")
                .doesNotContain("rank 1");
        assertThat(log(1)).contains("rank 1 of 3 local 1");
        assertThat(log(2)).contains("rank 2 of 3 local 2");
        assertThat(dir.resolve("logs/rank-0.log")).doesNotExist();
    }

    @Test
    @Timeout(60)
    void killNineOfOneWorker_exitsWithItsStatusNamingIt_andStopsEveryOtherWorkerWithinTheGrace() throws Exception {
        // rank 2 ignores SIGTERM: the launcher must escalate to SIGKILL after its grace period
        WorkerLauncher launcher = launcher(3, Map.of("FAKE_MODE", "wait", "FAKE_STUBBORN_RANK", "2"));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
            try {
                return launcher.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<ProcessHandle> workers = awaitPids(3, Duration.ofSeconds(30));

        long killed = System.nanoTime();
        workers.get(1).destroyForcibly();
        int exit = status.get(20, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - killed) / 1e9;

        assertThat(exit).isEqualTo(137);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("rank 1 (pid " + workers.get(1).pid() + ") was killed by SIGKILL (exit 137)");
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
        assertThat(seconds).as("all workers gone within the 2 s grace plus polling").isLessThan(10);
        assertThat(log(2)).contains("rank 2 got TERM, ignoring it");
    }

    @Test
    @Timeout(90)
    void sigtermToTheLauncher_isForwardedToEveryWorker_andItExits143() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process launcher = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LauncherMain.class.getName(), dir.toString(), "2", "wait")
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.out").toFile()).start();
        try {
            List<ProcessHandle> workers = awaitPids(2, Duration.ofSeconds(45));

            launcher.destroy(); // SIGTERM
            assertThat(launcher.waitFor(20, TimeUnit.SECONDS)).isTrue();

            assertThat(launcher.exitValue()).isEqualTo(143);
            assertThat(Files.readString(dir.resolve("launcher.out"))).contains("rank 0 got TERM");
            assertThat(log(1)).contains("rank 1 got TERM");
            assertThat(workers).noneMatch(ProcessHandle::isAlive);
        } finally {
            launcher.destroyForcibly();
        }
    }
}
