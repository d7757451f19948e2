package dev.metronome.cli.export;

import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointManifest;
import dev.metronome.cli.failure.CliException;
import dev.metronome.files.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Assembles a bundle in a temporary directory next to its target and moves it into place only when
 * every file is written, so an interrupted export leaves no half bundle under the target's name.
 */
final class BundleWriter implements AutoCloseable {

    private final Path target;
    private final Path work;
    private boolean published;

    private BundleWriter(Path target, Path work) {
        this.target = target;
        this.work = work;
    }

    /**
     * Starts a bundle.
     *
     * @param target the directory the bundle will be; must not exist or be empty
     * @param typed the target as the user typed it, for messages
     * @return the writer
     * @throws CliException (usage) if the target is a file or a non-empty directory
     * @throws IOException if the temporary directory cannot be created
     */
    static BundleWriter start(Path target, String typed) throws IOException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw CliException.usage("--out " + typed + ": is a file; expected a new or empty directory");
        }
        long entries = FileTrees.entryCount(target);
        if (entries > 0) {
            throw CliException.usage("--out " + typed + ": not empty (" + entries + " entries); export writes only "
                    + "into a new or empty directory and never overwrites");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        return new BundleWriter(target, Files.createDirectory(work));
    }

    /** @return the directory being filled */
    Path directory() {
        return work;
    }

    /**
     * Copies a checkpoint's {@code model.safetensors} into the bundle, hashing the bytes as they are
     * copied and comparing them with the checkpoint's manifest.
     *
     * @param checkpoint the checkpoint directory
     * @param manifest its verified manifest
     * @return the SHA-256 of the copied bytes
     * @throws CliException (runtime) if the bytes copied are not those the manifest lists
     * @throws IOException if the file cannot be read or written
     */
    String copyModel(Path checkpoint, CheckpointManifest manifest) throws IOException {
        CheckpointManifest.FileEntry expected = manifest.files().get(CheckpointLayout.MODEL_FILE);
        Path source = checkpoint.resolve(CheckpointLayout.MODEL_FILE);
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
                OutputStream out = Files.newOutputStream(work.resolve(CheckpointLayout.MODEL_FILE))) {
            in.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (expected == null || !actual.equals(expected.sha256())) {
            throw CliException.runtime(checkpoint.getFileName() + "/" + CheckpointLayout.MODEL_FILE + ": SHA-256 mismatch (expected "
                    + (expected == null ? "an entry in manifest.json" : expected.sha256()) + ", got " + actual
                    + "); the checkpoint changed while it was exported");
        }
        return actual;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * Copies a run file into the bundle under the same name, if it exists.
     *
     * @param file the file
     * @return whether it existed
     * @throws IOException if it cannot be copied
     */
    boolean copyIfPresent(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Files.copy(file, work.resolve(file.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return true;
    }

    /**
     * Writes {@code SHA256SUMS} and moves the bundle to its target.
     *
     * @return file name to SHA-256 of every file in the bundle
     * @throws IOException if the list cannot be written or the directory not moved
     */
    Map<String, String> publish() throws IOException {
        Map<String, String> sums = Sha256Sums.writeFor(work);
        if (Files.isDirectory(target)) {
            Files.delete(target);
        }
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        published = true;
        return sums;
    }

    /** Deletes the temporary directory unless the bundle was published. */
    @Override
    public void close() throws IOException {
        if (!published) {
            FileTrees.deleteRecursively(work);
        }
    }
}
