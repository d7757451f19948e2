package dev.metronome.cli.command;

import dev.metronome.cli.distributed.LaunchPlan;
import dev.metronome.cli.failure.CliException;
import dev.metronome.coordination.Rendezvous;
import dev.metronome.schedule.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code train}'s options for data-parallel runs (docs/DISTRIBUTED.md). */
public final class DistributedOptions {

    /** The launcher's own options, which its workers do not get. */
    static final List<String> LAUNCHER_OPTIONS = List.of("--nproc-per-node", "--nnodes", "--node-rank", "--master-addr",
            "--master-port", "--output-dir");

    @Option(names = "--nproc-per-node", paramLabel = "N",
            description = "Start N data-parallel workers on this machine (as torchrun does); rank 0's output shows here, "
                + "the others' goes to <run>/logs/rank-<k>.log. training.batch_size is the global batch.")
    Integer nprocPerNode;

    @Option(names = "--nnodes", paramLabel = "N", description = "Machines in the run (default 1); each runs this command.")
    Integer nnodes;

    @Option(names = "--node-rank", paramLabel = "K", description = "This machine's index, 0..nnodes-1 (or NODE_RANK).")
    Integer nodeRank;

    @Option(names = "--master-addr", paramLabel = "HOST", description = "Host of rank 0 (or MASTER_ADDR; default 127.0.0.1).")
    String masterAddr;

    @Option(names = "--master-port", paramLabel = "PORT",
            description = "Rendezvous port on rank 0's host (or MASTER_PORT; default: a free port on one machine).")
    Integer masterPort;

    @Option(names = "--dist-timeout", paramLabel = "DURATION",
            description = "How long a worker waits for the others before the run fails, e.g. 30s (default 60s).")
    String timeout;

    /** @return whether this process launches workers rather than training itself */
    boolean launches() {
        if (nprocPerNode == null && (nnodes != null || nodeRank != null || masterAddr != null || masterPort != null)) {
            throw CliException.usage("--nnodes, --node-rank, --master-addr and --master-port go with --nproc-per-node N");
        }
        return nprocPerNode != null;
    }

    LaunchPlan plan(Map<String, String> environment) {
        return LaunchPlan.of(nprocPerNode, nnodes, nodeRank, masterAddr, masterPort, environment);
    }

    Duration timeout() {
        if (timeout == null) {
            return Rendezvous.DEFAULT_TIMEOUT;
        }
        try {
            Duration parsed = DurationText.parse(timeout);
            if (!parsed.isZero() && !parsed.isNegative()) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CliException.usage("--dist-timeout " + timeout + ": expected a positive duration such as 30s or 2m");
    }
}
