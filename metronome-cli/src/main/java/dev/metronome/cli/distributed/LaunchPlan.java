package dev.metronome.cli.distributed;

import dev.metronome.cli.failure.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * What {@code metronome train --nproc-per-node N} starts on this machine: {@code N} workers with
 * global ranks {@code nodeRank·N … nodeRank·N+N−1} of {@code nnodes·N}, all meeting at rank 0's
 * {@code masterAddress:masterPort}.
 *
 * @param nprocPerNode workers on this machine, at least 1
 * @param nnodes machines, at least 1
 * @param nodeRank this machine's index in {@code [0, nnodes)}
 * @param masterAddress host of rank 0
 * @param masterPort rank 0's rendezvous port
 */
public record LaunchPlan(int nprocPerNode, int nnodes, int nodeRank, String masterAddress, int masterPort) {

    /** Validates the fields, naming the flag. */
    public LaunchPlan {
        if (nprocPerNode < 1) {
            throw CliException.usage("--nproc-per-node " + nprocPerNode + ": expected at least 1");
        }
        if (nnodes < 1) {
            throw CliException.usage("--nnodes " + nnodes + ": expected at least 1");
        }
        if (nodeRank < 0 || nodeRank >= nnodes) {
            throw CliException.usage("--node-rank " + nodeRank + " is outside [0, " + nnodes + ") for --nnodes " + nnodes);
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw CliException.usage("--master-port " + masterPort + ": expected a TCP port 1..65535");
        }
    }

    /**
     * Makes the plan from the flags, falling back to {@code MASTER_ADDR}, {@code MASTER_PORT} and
     * {@code NODE_RANK}; a one-machine run without them meets on 127.0.0.1 at a free port.
     *
     * @param nprocPerNode {@code --nproc-per-node}
     * @param nnodes {@code --nnodes}, or null for 1
     * @param nodeRank {@code --node-rank}, or null
     * @param masterAddress {@code --master-addr}, or null
     * @param masterPort {@code --master-port}, or null
     * @param environment the process environment
     * @return the plan
     * @throws CliException (usage) naming the flag or variable that is missing or malformed
     */
    public static LaunchPlan of(int nprocPerNode, Integer nnodes, Integer nodeRank, String masterAddress,
            Integer masterPort, Map<String, String> environment) {
        int nodes = nnodes == null ? 1 : nnodes;
        int node = nodeRank != null ? nodeRank
                : environment.containsKey("NODE_RANK") ? WorkerEnvironment.integer(environment, "NODE_RANK", 0, nodes - 1)
                : requiredForSeveralNodes(nodes, "--node-rank (or NODE_RANK)", 0);
        if (node < 0 || node >= nodes) {
            throw CliException.usage("--node-rank " + node + " is outside [0, " + nodes + ") for --nnodes " + nodes);
        }
        String address = masterAddress != null ? masterAddress
                : environment.containsKey("MASTER_ADDR") && !environment.get("MASTER_ADDR").isBlank()
                        ? environment.get("MASTER_ADDR").trim()
                        : requiredForSeveralNodes(nodes, "--master-addr (or MASTER_ADDR)", "127.0.0.1");
        int port = masterPort != null ? masterPort
                : environment.containsKey("MASTER_PORT") ? WorkerEnvironment.integer(environment, "MASTER_PORT", 1, 65535)
                : requiredForSeveralNodes(nodes, "--master-port (or MASTER_PORT)", 0);
        return new LaunchPlan(nprocPerNode, nodes, node, address, port == 0 ? freePort() : port);
    }

    private static <T> T requiredForSeveralNodes(int nodes, String what, T oneNodeDefault) {
        if (nodes > 1) {
            throw CliException.usage(what + " is required with --nnodes " + nodes);
        }
        return oneNodeDefault;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the rendezvous: " + e.getMessage(), e);
        }
    }

    /** @return the number of workers over all machines */
    public int worldSize() {
        return nnodes * nprocPerNode;
    }

    /**
     * Returns the global rank of one of this machine's workers.
     *
     * @param localRank 0-based index on this machine
     * @return its rank in the group
     */
    public int rank(int localRank) {
        return nodeRank * nprocPerNode + localRank;
    }

    /**
     * Returns the variables one worker gets on top of the launcher's environment.
     *
     * @param localRank the worker's index on this machine
     * @return {@code MASTER_ADDR}, {@code MASTER_PORT}, {@code RANK}, {@code WORLD_SIZE},
     *     {@code LOCAL_RANK}, {@code LOCAL_WORLD_SIZE}
     */
    public Map<String, String> workerEnvironment(int localRank) {
        return Map.of("MASTER_ADDR", masterAddress, "MASTER_PORT", Integer.toString(masterPort),
                "RANK", Integer.toString(rank(localRank)), "WORLD_SIZE", Integer.toString(worldSize()),
                "LOCAL_RANK", Integer.toString(localRank), "LOCAL_WORLD_SIZE", Integer.toString(nprocPerNode));
    }
}
