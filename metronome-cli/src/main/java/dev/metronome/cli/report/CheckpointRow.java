package dev.metronome.cli.report;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * One checkpoint as the report shows it.
 *
 * @param name the directory name, {@code checkpoint-<step>}
 * @param step the step
 * @param ok whether it verified
 * @param problem why it did not verify, or {@code null} when ok
 * @param createdAt when it was written, or {@code null} when its manifest is unreadable
 * @param elapsedSeconds active run time at the step, or NaN when unknown
 * @param metric the best-model metric recorded with it, or {@code null}
 * @param bytes total size of its regular files on disk
 */
public record CheckpointRow(String name, long step, boolean ok, String problem, Instant createdAt, double elapsedSeconds,
        Metric metric, long bytes) {

    /**
     * Describes a listed checkpoint, measuring its size on disk.
     *
     * @param info what the store found
     * @return the row
     * @throws IOException if the directory cannot be listed
     */
    public static CheckpointRow of(CheckpointInfo info) throws IOException {
        return new CheckpointRow(
                info.name(),
                info.step(),
                info.isOk(),
                info.isOk() ? null : info.verification().reason(),
                info.createdAt().orElse(null),
                info.manifest() == null ? Double.NaN : info.manifest().elapsedSeconds(),
                info.metric().orElse(null),
                sizeOnDisk(info.path()));
    }

    private static long sizeOnDisk(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    total += Files.size(file);
                }
            }
            return total;
        }
    }
}
