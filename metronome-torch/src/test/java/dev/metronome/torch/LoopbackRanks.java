package dev.metronome.torch;

import dev.metronome.coordination.Rendezvous;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Ranks of one group as threads of this JVM, meeting through a TCPStore on a free loopback port. */
final class LoopbackRanks {

    /** What one rank does, given its rendezvous. */
    interface Work<T> {
        T run(Rendezvous rendezvous) throws Exception;
    }

    private LoopbackRanks() {}

    /** @return a port nothing listens on right now */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Runs every rank on its own thread and waits for all of them.
     *
     * @param world the number of ranks
     * @param work what each rank does
     * @return the ranks' results, by rank
     * @throws Exception the first rank's failure, or a timeout after two minutes
     */
    static <T> List<T> run(int world, Work<T> work) throws Exception {
        int port = freePort();
        ExecutorService threads = Executors.newFixedThreadPool(world);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int rank = 0; rank < world; rank++) {
                Rendezvous rendezvous = new Rendezvous("127.0.0.1", port, rank, world, rank, Duration.ofSeconds(30));
                futures.add(threads.submit(() -> work.run(rendezvous)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
