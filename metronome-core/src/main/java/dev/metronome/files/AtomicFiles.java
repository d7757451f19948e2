package dev.metronome.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file in one step, so that a reader (or a crash) sees the old file or the new one,
 * never a half-written file. Used for {@code run.json}, {@code config.yaml}, {@code report.html}
 * and {@code explain.json}.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes {@code <file>.tmp}, forces it to disk and renames it over {@code file}.
     *
     * @param file the target
     * @param content the complete new content
     * @throws IOException if writing or renaming fails; the temporary file is then removed and the
     *     target unchanged
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
