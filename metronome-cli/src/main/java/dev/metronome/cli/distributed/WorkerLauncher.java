package dev.metronome.cli.distributed;

import dev.metronome.signal.SignalTrap;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Starts this machine's workers of a data-parallel run, as torchrun does, and waits for them:
 * local rank 0's output goes to the launcher's console, every other worker's to
 * {@code <run>/logs/rank-<k>.log}. SIGTERM and SIGINT are forwarded to every worker (which stop
 * together at the next step, rank 0 saving a checkpoint). When a worker fails (a non-zero exit
 * other than the 143/130 of a signal, or death by a signal such as kill -9), the launcher names
 * it, sends SIGTERM to the others and SIGKILL to any still alive after a grace period, and exits
 * with the failed worker's status. Otherwise it exits with the workers' status: 0, or 143/130
 * after a signal.
 *
 * <p>Workers run in their own session ({@code setsid}, where installed), so Ctrl-C in a terminal
 * reaches only the launcher, which forwards it once; each worker learns the launcher's pid
 * ({@link WorkerEnvironment#LAUNCHER_PID}) to end itself if the launcher disappears.
 */
public final class WorkerLauncher {

    /** How long stopped workers get between SIGTERM and SIGKILL after another worker failed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final long POLL_MILLIS = 20;

    /**
     * What the launcher needs.
     *
     * @param plan which workers to start
     * @param command the worker's command line (the same for every rank; ranks differ by environment)
     * @param workingDirectory the workers' working directory
     * @param environment variables added to the launcher's own for every worker
     * @param logDirectory where {@code rank-<k>.log} files go (created if missing)
     * @param out the launcher's standard output (local rank 0's goes there)
     * @param err the launcher's standard error
     * @param clock for the time it took to stop the workers
     * @param grace time between SIGTERM and SIGKILL when stopping workers after a failure
     * @param trapSignals whether to forward SIGTERM/SIGINT
     */
    public record Settings(LaunchPlan plan, List<String> command, Path workingDirectory, Map<String, String> environment,
            Path logDirectory, PrintStream out, PrintStream err, Clock clock, Duration grace, boolean trapSignals) {

        /** Checks for nulls and copies the lists. */
        public Settings {
            Objects.requireNonNull(plan, "plan");
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(logDirectory, "logDirectory");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(err, "err");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(grace, "grace");
        }
    }

    private record Worker(int localRank, int rank, Process process, Path log, List<Thread> pumps) {}

    private final Settings settings;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();

    /**
     * Creates a launcher.
     *
     * @param settings what to start
     */
    public WorkerLauncher(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** @return what this launcher starts */
    public Settings settings() {
        return settings;
    }

    /**
     * Starts the workers and waits for all of them.
     *
     * @return the exit status: a failed worker's, else 143/130 after a signal, else 0
     * @throws IOException if the log directory cannot be created or a worker cannot be started
     */
    public int run() throws IOException {
        Files.createDirectories(settings.logDirectory());
        SignalHandler previousTerm = null;
        SignalHandler previousInt = null;
        if (settings.trapSignals()) {
            previousTerm = Signal.handle(new Signal("TERM"), signal -> forward("TERM"));
            previousInt = Signal.handle(new Signal("INT"), signal -> forward("INT"));
        }
        try {
            for (int local = 0; local < settings.plan().nprocPerNode(); local++) {
                workers.add(start(local));
            }
            return await();
        } finally {
            if (settings.trapSignals()) {
                Signal.handle(new Signal("TERM"), previousTerm);
                Signal.handle(new Signal("INT"), previousInt);
            }
            for (Worker worker : workers) {
                worker.process().destroyForcibly();
            }
        }
    }

    private Worker start(int localRank) throws IOException {
        int rank = settings.plan().rank(localRank);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(settings.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.workingDirectory().toFile());
        builder.environment().putAll(settings.environment());
        builder.environment().putAll(settings.plan().workerEnvironment(localRank));
        builder.environment().put(WorkerEnvironment.LAUNCHER_PID, Long.toString(ProcessHandle.current().pid()));
        // c10d logs every failed connection attempt with a C++ stack; the worker reports the failure
        // itself in one line, so libtorch's own log is kept to fatal errors unless the user set it.
        builder.environment().putIfAbsent("TORCH_CPP_LOG_LEVEL", "FATAL");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path log = settings.logDirectory().resolve("rank-" + rank + ".log");
        if (localRank != 0) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process process = builder.start();
        List<Thread> pumps = localRank == 0
                ? List.of(pump(process.getInputStream(), settings.out(), rank), pump(process.getErrorStream(), settings.err(), rank))
                : List.of();
        return new Worker(localRank, rank, process, localRank == 0 ? null : log, pumps);
    }

    private static Thread pump(InputStream from, OutputStream to, int rank) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the worker is gone; what it wrote so far was copied
            }
        }, "rank-" + rank + "-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void forward(String signal) {
        for (Worker worker : workers) {
            if (worker.process().isAlive()) {
                send(worker.process(), signal);
            }
        }
    }

    private static void send(Process process, String signal) {
        if (signal.equals("TERM")) {
            // through the handle: Process.destroy() would also close the pipes of rank 0's output
            process.toHandle().destroy();
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for every worker; after the first failure, stops the rest. */
    private int await() {
        Integer[] exits = new Integer[workers.size()];
        Worker failed = null;
        long failedAt = 0;
        boolean killed = false;
        int remaining = workers.size();
        while (remaining > 0) {
            for (Worker worker : workers) {
                if (exits[worker.localRank()] != null || worker.process().isAlive()) {
                    continue;
                }
                int status = worker.process().exitValue();
                exits[worker.localRank()] = status;
                remaining--;
                if (failed == null && isFailure(status)) {
                    failed = worker;
                    failedAt = settings.clock().monotonicNanos();
                    settings.err().println("error: " + describe(worker, status) + "; stopping the other workers"
                            + (worker.log() == null ? "" : " (its output: " + worker.log() + ")"));
                    lastLine(worker.log()).ifPresent(line -> settings.err().println("rank " + worker.rank() + ": " + line));
                    workers.stream().filter(other -> other.process().isAlive()).forEach(other -> other.process().toHandle().destroy());
                }
            }
            if (failed != null && !killed && settings.clock().monotonicNanos() - failedAt > settings.grace().toNanos()) {
                workers.stream().filter(other -> other.process().isAlive()).forEach(other -> other.process().toHandle().destroyForcibly());
                killed = true;
            }
            if (remaining > 0) {
                sleep();
            }
        }
        for (Worker worker : workers) {
            for (Thread pump : worker.pumps()) {
                join(pump);
            }
        }
        if (failed != null) {
            double seconds = (settings.clock().monotonicNanos() - failedAt) / 1e9;
            settings.err().printf(Locale.ROOT, "error: %s; all %d workers of this machine stopped %.1f s later%n",
                    describe(failed, exits[failed.localRank()]), workers.size(), seconds);
            return exits[failed.localRank()];
        }
        for (Integer status : exits) {
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }

    /** The last non-blank line a logged worker wrote (its error message, typically), if any. */
    private static Optional<String> lastLine(Path log) {
        if (log == null) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> !line.isBlank()).reduce((first, second) -> second);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** A failure is any exit but 0 and the 143/130 of a worker that stopped on a signal after saving. */
    private static boolean isFailure(int status) {
        return status != 0 && status != SignalTrap.EXIT_SIGTERM && status != SignalTrap.EXIT_SIGINT;
    }

    private static String describe(Worker worker, int status) {
        String who = "rank " + worker.rank() + " (pid " + worker.process().pid() + ")";
        if (status > 128 && status < 160 && status != SignalTrap.EXIT_SIGTERM && status != SignalTrap.EXIT_SIGINT) {
            return who + " was killed by " + signalName(status - 128) + " (exit " + status + ")";
        }
        return who + " exited with status " + status;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
