package dev.metronome.checkpoint;

import static dev.metronome.checkpoint.CheckpointLayout.CONFIG_FILE;
import static dev.metronome.checkpoint.CheckpointLayout.MANIFEST_FILE;
import static dev.metronome.checkpoint.CheckpointLayout.MODEL_FILE;
import static dev.metronome.checkpoint.CheckpointLayout.OPTIMIZER_FILE;
import static dev.metronome.checkpoint.CheckpointLayout.TRAINER_STATE_FILE;

import dev.metronome.checkpoint.safetensors.SafetensorsWriter;
import dev.metronome.files.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one checkpoint with the atomic protocol: every file into a fresh temporary sibling
 * directory, each fsynced; the manifest last; the directory fsynced; one atomic rename to
 * {@code checkpoint-<step>}; the parent fsynced. On any failure the temporary directory is removed
 * and the existing checkpoints are left as they were.
 */
final class CheckpointDirectoryWriter {

    /** Writes the content of one file to a channel. */
    @FunctionalInterface
    private interface Content {
        void writeTo(HashingChannel channel) throws IOException;
    }

    private final Path checkpointsDir;
    private final OutputFiles outputs;

    CheckpointDirectoryWriter(Path checkpointsDir, OutputFiles outputs) {
        this.checkpointsDir = checkpointsDir;
        this.outputs = outputs;
    }

    WrittenCheckpoint write(CheckpointPayload payload, Instant createdAt) {
        long step = payload.step();
        String name = CheckpointLayout.dirName(step);
        Path temp;
        try {
            // Not Files.createTempDirectory: its owner-only permissions would stick to the checkpoint.
            temp = Files.createDirectory(checkpointsDir.resolve(
                    CheckpointLayout.TEMP_PREFIX + name + "-" + Directories.randomSuffix()));
        } catch (IOException e) {
            throw new CheckpointWriteException(step, checkpointsDir + ": cannot create a directory for " + name
                    + ": " + describe(e), e);
        }
        Path target = checkpointsDir.resolve(name);
        Path current = temp;
        CheckpointManifest manifest;
        long totalBytes;
        Path replaced;
        try {
            Map<String, CheckpointManifest.FileEntry> files = new LinkedHashMap<>();
            current = temp.resolve(MODEL_FILE);
            files.put(MODEL_FILE, writeFile(current, out -> SafetensorsWriter.write(payload.model(), Map.of(), out)));
            current = temp.resolve(OPTIMIZER_FILE);
            files.put(OPTIMIZER_FILE,
                    writeFile(current, out -> SafetensorsWriter.write(payload.optimizer(), Map.of(), out)));
            current = temp.resolve(TRAINER_STATE_FILE);
            files.put(TRAINER_STATE_FILE, writeJson(current, CheckpointJson.toBytes(payload.trainerState())));
            if (payload.config() != null) {
                current = temp.resolve(CONFIG_FILE);
                files.put(CONFIG_FILE, writeJson(current, CheckpointJson.toBytes(payload.config())));
            }
            manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, step, payload.epoch(), createdAt,
                    payload.elapsedSeconds(), payload.metric(), files);
            current = temp.resolve(MANIFEST_FILE);
            totalBytes = writeJson(current, CheckpointJson.toBytes(ManifestJson.toJson(manifest))).bytes();
            for (CheckpointManifest.FileEntry entry : files.values()) {
                totalBytes += entry.bytes();
            }
            current = temp;
            Directories.fsync(temp);
            current = target;
            replaced = install(temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                FileTrees.deleteRecursively(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new CheckpointWriteException(step, current + ": " + describe(e) + " (" + name
                    + " not written; earlier checkpoints untouched)", e);
        }
        try {
            Directories.fsync(checkpointsDir);
        } catch (IOException e) {
            throw new CheckpointWriteException(step, target + ": in place, but " + checkpointsDir
                    + " could not be synced: " + describe(e) + " (the checkpoint may not survive a power loss)", e);
        }
        if (replaced != null) {
            try {
                FileTrees.deleteRecursively(replaced);
            } catch (IOException e) {
                // The new checkpoint is in place; StartupRecovery removes the old one next time.
            }
        }
        return new WrittenCheckpoint(target, step, totalBytes, manifest);
    }

    /**
     * Moves the finished temporary directory to its final name. An existing checkpoint of the same
     * step is first moved aside under {@code .replaced-…}; if the process dies before the new one is
     * in place, {@link StartupRecovery} moves it back, so the step is never left with nothing.
     *
     * @return where the replaced checkpoint was moved, or {@code null} when there was none
     */
    private Path install(Path temp, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Directories.renameAtomically(temp, target);
            return null;
        }
        Path replaced = Directories.moveAside(target, CheckpointLayout.REPLACED_PREFIX);
        try {
            Directories.renameAtomically(temp, target);
        } catch (IOException e) {
            try {
                Directories.renameAtomically(replaced, target);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        return replaced;
    }

    private CheckpointManifest.FileEntry writeJson(Path file, byte[] json) throws IOException {
        return writeFile(file, out -> {
            ByteBuffer buffer = ByteBuffer.wrap(json);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        });
    }

    private CheckpointManifest.FileEntry writeFile(Path file, Content content) throws IOException {
        try (OutputFiles.OutputFile output = outputs.create(file)) {
            HashingChannel hashing = new HashingChannel(output);
            content.writeTo(hashing);
            output.sync();
            return new CheckpointManifest.FileEntry(hashing.bytes(), hashing.sha256Hex());
        }
    }

    static String describe(Throwable e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
