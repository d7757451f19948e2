package dev.metronome.cli.distributed;

import dev.metronome.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a {@link WorkerLauncher} of {@link FakeWorker}s in its own JVM, for tests that signal the launcher. */
public final class LauncherMain {

    private LauncherMain() {}

    /** Arguments: the folder for logs and pid files, the number of workers, the fake workers' mode. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int workers = Integer.parseInt(args[1]);
        System.exit(launcher(dir, workers, Map.of("FAKE_MODE", args[2]), true).run());
    }

    static WorkerLauncher launcher(Path dir, int workers, Map<String, String> environment, boolean trapSignals) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                FakeWorker.class.getName());
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("FAKE_DIR", dir.toString());
        LaunchPlan plan = new LaunchPlan(workers, 1, 0, "127.0.0.1", 29999);
        return new WorkerLauncher(new WorkerLauncher.Settings(plan, command, dir, env, dir.resolve("logs"), System.out,
                System.err, Clock.SYSTEM, Duration.ofSeconds(2), trapSignals));
    }
}
