package dev.metronome.cli.distributed;

import dev.metronome.cli.failure.CliException;
import dev.metronome.coordination.Rendezvous;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads c10d's environment contract in a worker process: {@code WORLD_SIZE}, {@code RANK},
 * {@code LOCAL_RANK}, {@code MASTER_ADDR}, {@code MASTER_PORT} (what {@code metronome train
 * --nproc-per-node}, torchrun, Slurm wrappers and Kubernetes' PyTorchJob set). A process without
 * {@code WORLD_SIZE} is a one-process run. Every bad value is a configuration error (exit 2) naming
 * the variable.
 */
public final class WorkerEnvironment {

    /** Set by the launcher in each worker: the launcher's pid, so a worker can end when its launcher is gone. */
    public static final String LAUNCHER_PID = "METRONOME_LAUNCHER_PID";

    private WorkerEnvironment() {}

    /**
     * Reads this process's place in a group.
     *
     * @param environment the process environment
     * @param timeout the collective timeout to use
     * @return the rendezvous, or empty when {@code WORLD_SIZE} is not set
     * @throws CliException (usage) naming the variable that is missing or malformed
     */
    public static Optional<Rendezvous> read(Map<String, String> environment, Duration timeout) {
        String worldText = environment.get("WORLD_SIZE");
        if (worldText == null || worldText.isBlank()) {
            return Optional.empty();
        }
        int worldSize = integer(environment, "WORLD_SIZE", 1, 1 << 20);
        int rank = integer(environment, "RANK", 0, worldSize - 1);
        int localRank = environment.containsKey("LOCAL_RANK") ? integer(environment, "LOCAL_RANK", 0, 1 << 20) : rank;
        String address = environment.get("MASTER_ADDR");
        if (address == null || address.isBlank()) {
            if (worldSize > 1) {
                throw CliException.usage("MASTER_ADDR is not set; a worker of a group (WORLD_SIZE=" + worldSize
                        + ") needs the host of rank 0, for example MASTER_ADDR=127.0.0.1");
            }
            address = "127.0.0.1";
        }
        int port = environment.containsKey("MASTER_PORT") || worldSize > 1
                ? integer(environment, "MASTER_PORT", 1, 65535) : 29500;
        return Optional.of(new Rendezvous(address.trim(), port, rank, worldSize, localRank, timeout));
    }

    /**
     * Ends this worker when the launcher that started it is gone (killed with -9, for example), so
     * no worker outlives its launcher; does nothing for a worker something else started.
     *
     * @param environment the process environment ({@link #LAUNCHER_PID})
     * @param messages where to say why the worker ends
     */
    public static void endWithLauncher(Map<String, String> environment, PrintStream messages) {
        String pid = environment.get(LAUNCHER_PID);
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> launcher;
        try {
            launcher = ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return;
        }
        if (launcher.isEmpty()) {
            return;
        }
        launcher.get().onExit().thenRun(() -> {
            messages.println("error: the launcher (pid " + pid.trim() + ") is gone; this worker stops");
            messages.flush();
            Runtime.getRuntime().halt(1);
        });
    }

    static int integer(Map<String, String> environment, String name, int min, int max) {
        String text = environment.get(name);
        if (text == null || text.isBlank()) {
            throw CliException.usage(name + " is not set; expected a whole number in " + min + ".." + max);
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.usage(name + "=" + text + ": expected a whole number in " + min + ".." + max);
    }
}
