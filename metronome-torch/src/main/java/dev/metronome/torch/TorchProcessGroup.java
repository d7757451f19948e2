package dev.metronome.torch;

import dev.metronome.coordination.CoordinationException;
import dev.metronome.coordination.Rendezvous;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.ByteVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;

/**
 * One process's membership of a data-parallel group on PyTorch's c10d: rendezvous through a
 * {@code TCPStore} (rank 0 serves it at {@code MASTER_ADDR:MASTER_PORT}) and a Gloo process group
 * (CPU). Every collective waits at most the rendezvous' timeout; a peer that died or stalls turns
 * into a {@link CoordinationException} naming this rank and the operation, never a hang.
 *
 * <p>Not thread-safe: collectives are issued from the loop thread, in the same order on every rank.
 */
public final class TorchProcessGroup implements AutoCloseable {

    private final Rendezvous rendezvous;
    private final TCPStore store;
    private final ProcessGroupGloo group;
    private final Milliseconds timeout;
    private final List<String> hosts;
    private boolean closed;

    private TorchProcessGroup(Rendezvous rendezvous, TCPStore store, ProcessGroupGloo group, Milliseconds timeout,
            List<String> hosts) {
        this.rendezvous = rendezvous;
        this.store = store;
        this.group = group;
        this.timeout = timeout;
        this.hosts = List.copyOf(hosts);
    }

    /**
     * Joins the group: blocks until every rank has arrived or the rendezvous times out.
     *
     * @param rendezvous where and as whom
     * @return the membership
     * @throws CoordinationException naming the address, rank and timeout if the group cannot form
     */
    public static TorchProcessGroup join(Rendezvous rendezvous) {
        TorchRuntime.load(0);
        Milliseconds timeout = new Milliseconds(rendezvous.timeout().toMillis());
        String where = rendezvous.masterAddress() + ":" + rendezvous.masterPort();
        TCPStore store;
        try {
            TCPStoreOptions options = new TCPStoreOptions()
                    .port((short) rendezvous.masterPort())
                    .isServer(rendezvous.isRankZero())
                    .waitWorkers(false)
                    .timeout(timeout);
            store = new TCPStore(rendezvous.masterAddress(), options);
        } catch (RuntimeException e) {
            throw new CoordinationException("rank " + rendezvous.rank() + ": cannot reach the rendezvous store at " + where
                    + " within " + rendezvous.timeout().toSeconds() + " s (" + firstLine(e) + ")", e);
        }
        ProcessGroupGloo group;
        try {
            ProcessGroupGloo.Options options = ProcessGroupGloo.Options.create(timeout);
            options.devices().push_back(device(rendezvous));
            group = new ProcessGroupGloo(store, rendezvous.rank(), rendezvous.worldSize(), options);
        } catch (RuntimeException e) {
            throw new CoordinationException("rank " + rendezvous.rank() + ": the Gloo process group of " + rendezvous.worldSize()
                    + " ranks at " + where + " did not form within " + rendezvous.timeout().toSeconds() + " s ("
                    + firstLine(e) + ")", e);
        }
        String host = localHost();
        store.set("metronome/host/" + rendezvous.rank(), bytes(host));
        List<String> hosts = new ArrayList<>();
        for (int rank = 0; rank < rendezvous.worldSize(); rank++) {
            hosts.add(rank == rendezvous.rank() ? host : text(store.get("metronome/host/" + rank)));
        }
        return new TorchProcessGroup(rendezvous, store, group, timeout, hosts);
    }

    /**
     * The network device Gloo uses, as torch.distributed picks it: the interface named by {@code
     * GLOO_SOCKET_IFNAME} when set, loopback when the master is on loopback (a one-machine group),
     * else the address this host's name resolves to.
     */
    private static org.bytedeco.pytorch.gloo.Device device(Rendezvous rendezvous) {
        String interfaceName = System.getenv("GLOO_SOCKET_IFNAME");
        if (interfaceName != null && !interfaceName.isBlank()) {
            return ProcessGroupGloo.createDeviceForInterface(interfaceName.trim());
        }
        String master = rendezvous.masterAddress();
        if (master.equals("127.0.0.1") || master.equals("localhost")) {
            return ProcessGroupGloo.createDeviceForHostname("127.0.0.1");
        }
        return ProcessGroupGloo.createDefaultDevice();
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static ByteVector bytes(String text) {
        return new ByteVector(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteVector vector) {
        return new String(vector.get(), StandardCharsets.UTF_8);
    }

    /** The gist of a c10d error: its first line, without the source location, to the first full stop. */
    static String firstLine(RuntimeException e) {
        String line = String.valueOf(e.getMessage()).lines().filter(text -> !text.isBlank()).findFirst().orElse("no detail");
        if (line.startsWith("[")) {
            int close = line.indexOf("] ");
            if (close > 0) {
                line = line.substring(close + 2);
            }
        }
        int stop = line.indexOf(". ");
        return stop > 0 ? line.substring(0, stop) : line;
    }

    /** @return this process's rank */
    public int rank() {
        return rendezvous.rank();
    }

    /** @return the number of ranks */
    public int worldSize() {
        return rendezvous.worldSize();
    }

    /** @return every rank's host name, by rank */
    public List<String> hosts() {
        return hosts;
    }

    /**
     * Sums a tensor over all ranks, in place.
     *
     * @param tensor a contiguous CPU tensor, the same shape on every rank
     * @param what what is being summed, for messages
     * @throws CoordinationException if a peer died or the timeout passed
     */
    public void allReduceSum(Tensor tensor, String what) {
        TensorVector tensors = new TensorVector();
        tensors.push_back(tensor);
        run("all-reduce of " + what, () -> group.allreduce(tensors, new AllreduceOptions().timeout(timeout)));
    }

    /**
     * Copies a tensor of one rank into the same tensor of every other rank.
     *
     * @param tensor the root's values, or the buffer to receive them
     * @param rootRank the rank whose values win
     * @param what what is being broadcast, for messages
     * @throws CoordinationException if a peer died or the timeout passed
     */
    public void broadcast(Tensor tensor, int rootRank, String what) {
        TensorVector tensors = new TensorVector();
        tensors.push_back(tensor);
        run("broadcast of " + what, () -> group.broadcast(tensors, new BroadcastOptions().rootRank(rootRank)
                .timeout(timeout)));
    }

    private void run(String what, java.util.function.Supplier<Work> start) {
        if (closed) {
            throw new IllegalStateException("the process group is closed");
        }
        try {
            Work work = start.get();
            if (!work._wait(timeout)) {
                throw new CoordinationException("rank " + rank() + ": " + what + " did not complete within "
                        + rendezvous.timeout().toSeconds() + " s; a peer is gone or stalled", null);
            }
        } catch (CoordinationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CoordinationException("rank " + rank() + ": " + what + " failed (" + firstLine(e)
                    + "); a peer is gone or stalled", e);
        }
    }

    /** Leaves the group. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }
}
