package dev.metronome.bench.memory;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of the process's memory after a full garbage collection.
 *
 * @param step the training step it was taken after
 * @param seconds seconds since training began
 * @param rssBytes resident set size ({@code VmRSS} of {@code /proc/self/status}); -1 where unreadable
 * @param heapBytes JVM heap in use after the collection
 * @param directBytes NIO direct buffers in use (DJL passes data to PyTorch through them)
 */
record MemorySample(long step, double seconds, long rssBytes, long heapBytes, long directBytes) {

    /**
     * Collects garbage, then reads.
     *
     * @param step the current step
     * @param seconds seconds since training began
     * @return the reading
     */
    static MemorySample take(long step, double seconds) {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getMemoryUsed();
            }
        }
        return new MemorySample(step, seconds, residentBytes(), heap, direct);
    }

    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] words = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(words[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
