package dev.metronome.coordination;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom one process joins a data-parallel group: c10d's environment contract
 * ({@code MASTER_ADDR}, {@code MASTER_PORT}, {@code RANK}, {@code WORLD_SIZE}, {@code LOCAL_RANK}),
 * which torchrun, Slurm wrappers and Kubernetes' PyTorchJob set, plus how long a collective may
 * wait for a rank before the group counts it as gone.
 *
 * @param masterAddress host of rank 0's rendezvous store
 * @param masterPort its TCP port, 1..65535
 * @param rank this process's rank, in {@code [0, worldSize)}
 * @param worldSize number of processes, at least 1
 * @param localRank this process's index on its machine, at least 0
 * @param timeout how long a collective or the rendezvous waits for the others; positive
 */
public record Rendezvous(String masterAddress, int masterPort, int rank, int worldSize, int localRank, Duration timeout) {

    /** The default {@link #timeout()}: a dead rank is noticed within a minute. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field and the expected range
     */
    public Rendezvous {
        Objects.requireNonNull(masterAddress, "masterAddress");
        Objects.requireNonNull(timeout, "timeout");
        if (masterAddress.isBlank()) {
            throw new IllegalArgumentException("masterAddress is empty; expected a host name or IP address");
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new IllegalArgumentException("masterPort " + masterPort + " is not a TCP port; expected 1..65535");
        }
        if (worldSize < 1) {
            throw new IllegalArgumentException("worldSize " + worldSize + ": expected at least 1");
        }
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank " + rank + " is outside [0, " + worldSize + ")");
        }
        if (localRank < 0) {
            throw new IllegalArgumentException("localRank " + localRank + ": expected at least 0");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + ": expected a positive duration");
        }
    }

    /** @return whether this process is rank 0, the one that decides, checkpoints and writes the run's record */
    public boolean isRankZero() {
        return rank == 0;
    }
}
