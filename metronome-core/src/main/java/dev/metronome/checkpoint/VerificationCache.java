package dev.metronome.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers verification results so that listing checkpoints (which retention does after every
 * save) does not re-hash gigabytes each time. A result is reused only while the directory's files
 * keep the same names, sizes, modification times and file keys as when it was verified.
 */
final class VerificationCache {

    /** What a directory's files looked like, cheaply: one line per file. */
    private record Fingerprint(List<String> files) {}

    private record Entry(Fingerprint fingerprint, CheckpointInfo info) {}

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    /** Returns the cached result when the directory is unchanged, otherwise verifies it afresh. */
    CheckpointInfo inspect(Path dir) {
        Fingerprint before = fingerprint(dir);
        Entry cached = entries.get(dir);
        if (before != null && cached != null && cached.fingerprint().equals(before)) {
            return cached.info();
        }
        CheckpointInfo info = CheckpointVerifier.inspect(dir);
        Fingerprint after = fingerprint(dir);
        if (after != null && after.equals(before)) {
            entries.put(dir, new Entry(after, info));
        } else {
            entries.remove(dir);
        }
        return info;
    }

    /** Records a checkpoint this store has just written and checksummed itself. */
    void remember(CheckpointInfo info) {
        Fingerprint fingerprint = fingerprint(info.path());
        if (fingerprint != null) {
            entries.put(info.path(), new Entry(fingerprint, info));
        }
    }

    /** Forgets a directory, for example after deleting it. */
    void forget(Path dir) {
        entries.remove(dir);
    }

    private static Fingerprint fingerprint(Path dir) {
        List<String> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                BasicFileAttributes attributes =
                        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                files.add(file.getFileName() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toInstant()
                        + "|" + attributes.fileKey() + "|" + attributes.isRegularFile());
            }
        } catch (IOException e) {
            return null;
        }
        files.sort(null);
        return new Fingerprint(files);
    }
}
