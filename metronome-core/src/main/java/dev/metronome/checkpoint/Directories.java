package dev.metronome.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** The directory operations the atomic write protocol is built from. */
final class Directories {

    private Directories() {}

    /**
     * Forces a directory's entries (creations, renames) to stable storage, as {@code fsync} on the
     * directory does on Linux.
     */
    static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Renames a directory in one step; it either has the new name afterwards or the old one. */
    static void renameAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Moves a directory out of sight under a fresh dot-name, so that deleting it afterwards never
     * shows a half-deleted checkpoint under its real name.
     *
     * @return the new location
     */
    static Path moveAside(Path dir, String prefix) throws IOException {
        Path aside = dir.resolveSibling(prefix + dir.getFileName() + "-" + randomSuffix());
        renameAtomically(dir, aside);
        return aside;
    }

    /** A short random token for work-in-progress names; uniqueness, not secrecy, is the point. */
    static String randomSuffix() {
        return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    }
}
