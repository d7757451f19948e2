package dev.metronome.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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

    /** Deletes a directory tree; a tree that is already gone is not an error. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A short random token for work-in-progress names; uniqueness, not secrecy, is the point. */
    static String randomSuffix() {
        return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    }
}
