package dev.metronome.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;

/**
 * Repairs a line-oriented log that a crash may have cut in the middle of a line. Metric files are
 * written one whole line per write; if the process dies during that write, the file can end with
 * part of a line and no line break. Appending to such a file would glue the next line onto the
 * fragment and corrupt both, so a sink that reopens a file first cuts the fragment off.
 */
public final class TornLines {

    private static final int SCAN_BLOCK_BYTES = 8192;

    private TornLines() {}

    /**
     * Truncates the file after its last line break, removing an incomplete last line if there is
     * one. A file that ends with a line break, or is empty, is left alone; a non-empty file with no
     * line break at all becomes empty.
     *
     * @param file an existing file
     * @return the number of bytes removed (0 when the file was already whole)
     * @throws IOException if the file cannot be read or truncated
     */
    public static long dropIncompleteLastLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keepBytes = lengthThroughLastLineBreak(channel, size);
            if (keepBytes == size) {
                return 0;
            }
            channel.truncate(keepBytes);
            return size - keepBytes;
        }
    }

    /**
     * Prepares a line-oriented metric file for appending, the one way every sink does it: creates
     * its folder, and if the file exists cuts off an incomplete last line a crash left, with a
     * warning naming the file and how many bytes went.
     *
     * @param file the metric file; need not exist
     * @param unit what a line is called in the warning, for example {@code line} or {@code row}
     * @param log where the warning goes
     * @return whether the file already existed (it is to be continued)
     * @throws IOException if the folder cannot be created or the file cannot be repaired
     */
    public static boolean prepareForAppend(Path file, String unit, Logger log) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(file)) {
            return false;
        }
        long removedBytes = dropIncompleteLastLine(file);
        if (removedBytes > 0) {
            log.warn("{}: removed {} bytes of an incomplete last {} (left by an interrupted write)", file, removedBytes, unit);
        }
        return true;
    }

    private static long lengthThroughLastLineBreak(FileChannel channel, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(SCAN_BLOCK_BYTES);
        long blockEnd = size;
        while (blockEnd > 0) {
            int length = (int) Math.min(SCAN_BLOCK_BYTES, blockEnd);
            long blockStart = blockEnd - length;
            block.clear().limit(length);
            while (block.hasRemaining()) {
                if (channel.read(block, blockStart + block.position()) < 0) {
                    throw new IOException("file shrank while being read: " + size + " bytes expected");
                }
            }
            for (int i = length - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return blockStart + i + 1;
                }
            }
            blockEnd = blockStart;
        }
        return 0;
    }
}
