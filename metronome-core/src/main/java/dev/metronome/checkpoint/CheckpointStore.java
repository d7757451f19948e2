package dev.metronome.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.checkpoint.retention.RetentionCandidate;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.files.FileTrees;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checkpoints of one run, in {@code <run>/checkpoints/}. Writes are atomic (a checkpoint
 * appears complete or not at all), every file is checksummed in {@code manifest.json}, and reads
 * verify before they trust anything.
 *
 * <p>One store at a time may write to a checkpoints directory: opening one for writing deletes
 * whatever work in progress it finds. To look at a run that may still be writing, use
 * {@link #openReadOnly}. The store is safe for use from
 * several threads: writes and retention are serialized, listing and loading may run alongside.
 * {@link #list()} and {@link #latestValid()} reuse earlier verification results while a
 * directory's files are unchanged (same names, sizes, modification times); {@link #verify(Path)}
 * and {@link #load(Path)} always hash every file.
 */
public final class CheckpointStore {

    private final Path directory;
    private final Clock clock;
    private final CheckpointDirectoryWriter writer;
    private final VerificationCache cache = new VerificationCache();
    private final List<String> recoveryActions;
    private final Object writeLock = new Object();

    private final boolean readOnly;

    private CheckpointStore(Path directory, Clock clock, OutputFiles outputs, boolean readOnly) throws IOException {
        this.directory = directory;
        this.clock = clock;
        this.writer = new CheckpointDirectoryWriter(directory, outputs);
        this.readOnly = readOnly;
        if (readOnly) {
            this.recoveryActions = List.of();
        } else {
            Files.createDirectories(directory);
            this.recoveryActions = List.copyOf(StartupRecovery.run(directory));
        }
    }

    /**
     * Opens (creating if needed) a checkpoints directory and cleans up after any process that died
     * while writing to it: unfinished temporary directories are deleted and a checkpoint moved
     * aside for a replacement that never arrived is restored (see {@link #recoveryActions()}).
     *
     * @param checkpointsDir the directory, usually {@code <run>/checkpoints}
     * @param clock source of {@code created_at} timestamps
     * @return the store
     * @throws IOException if the directory cannot be created, read or cleaned
     */
    public static CheckpointStore open(Path checkpointsDir, Clock clock) throws IOException {
        return open(checkpointsDir, clock, OutputFiles.DISK);
    }

    static CheckpointStore open(Path checkpointsDir, Clock clock, OutputFiles outputs) throws IOException {
        return new CheckpointStore(Objects.requireNonNull(checkpointsDir, "checkpointsDir"),
                Objects.requireNonNull(clock, "clock"), outputs, false);
    }

    /**
     * Opens a checkpoints directory for reading only: nothing is cleaned up, created or deleted,
     * so it is safe to inspect the checkpoints of a run that is still writing (a second writing
     * store would delete the running one's checkpoint in progress). {@link #write} and
     * {@link #applyRetention} refuse to run.
     *
     * @param checkpointsDir the directory, usually {@code <run>/checkpoints}
     * @param clock unused for reading; kept for symmetry with {@link #open}
     * @return the store
     */
    public static CheckpointStore openReadOnly(Path checkpointsDir, Clock clock) {
        try {
            return new CheckpointStore(Objects.requireNonNull(checkpointsDir, "checkpointsDir"),
                    Objects.requireNonNull(clock, "clock"), OutputFiles.DISK, true);
        } catch (IOException e) {
            throw new IllegalStateException("a read-only store does no I/O when opened", e);
        }
    }

    /** @return the checkpoints directory */
    public Path directory() {
        return directory;
    }

    /** @return the clock the store stamps checkpoints with */
    public Clock clock() {
        return clock;
    }

    /** @return what {@link #open} cleaned up or restored, one line each; empty after a clean shutdown */
    public List<String> recoveryActions() {
        return recoveryActions;
    }

    /**
     * Writes a checkpoint atomically as {@code checkpoint-<step>}. An existing checkpoint of the same
     * step is replaced; until the new one is in place the old one stays complete on disk.
     *
     * @param payload what to write
     * @return where it went and how large it is
     * @throws CheckpointWriteException if writing fails (disk full, permission denied…); the
     *     partial directory has then been removed and earlier checkpoints are untouched
     * @throws IllegalStateException if the store was opened read-only
     */
    public WrittenCheckpoint write(CheckpointPayload payload) {
        Objects.requireNonNull(payload, "payload");
        ensureWritable();
        synchronized (writeLock) {
            WrittenCheckpoint written = writer.write(payload, Instant.ofEpochMilli(clock.wallTimeMillis()));
            cache.remember(new CheckpointInfo(written.path(), written.step(),
                    new CheckpointVerification(written.path(), List.of()), written.manifest()));
            return written;
        }
    }

    /**
     * Verifies one checkpoint directory, hashing every file.
     *
     * @param checkpointDir a {@code checkpoint-<step>} directory
     * @return ok, or corrupt with one precise problem per thing wrong
     */
    public CheckpointVerification verify(Path checkpointDir) {
        return CheckpointVerifier.inspect(checkpointDir).verification();
    }

    /**
     * Lists every checkpoint directory, valid and corrupt.
     *
     * @return the checkpoints in ascending step order
     * @throws IOException if the checkpoints directory cannot be listed
     */
    public List<CheckpointInfo> list() throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (readOnly && !Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "checkpoint-*")) {
            for (Path dir : stream) {
                if (CheckpointLayout.parseStep(dir.getFileName().toString()).isPresent()) {
                    dirs.add(dir);
                }
            }
        }
        List<CheckpointInfo> infos = new ArrayList<>();
        for (Path dir : dirs) {
            // A directory that retention moved away between listing and inspection is simply gone.
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                CheckpointInfo info = cache.inspect(dir);
                if (info.isOk() || Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    infos.add(info);
                }
            }
        }
        infos.sort(Comparator.comparingLong(CheckpointInfo::step));
        return infos;
    }

    /**
     * Finds the checkpoint to resume from: the newest that verifies.
     *
     * @return that checkpoint, if any, and every newer checkpoint that was skipped as corrupt
     * @throws IOException if the checkpoints directory cannot be listed
     */
    public LatestValid latestValid() throws IOException {
        List<CheckpointInfo> all = list();
        List<CheckpointInfo> skipped = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            CheckpointInfo info = all.get(i);
            if (info.isOk()) {
                return new LatestValid(Optional.of(info), skipped);
            }
            skipped.add(info);
        }
        return new LatestValid(Optional.empty(), skipped);
    }

    /**
     * Verifies a checkpoint, then reads it back.
     *
     * @param checkpointDir a {@code checkpoint-<step>} directory
     * @return the payload as it was written
     * @throws CorruptCheckpointException if verification finds any problem; its message lists them
     * @throws IOException if a file cannot be read
     */
    public CheckpointPayload load(Path checkpointDir) throws IOException {
        CheckpointInfo info = CheckpointVerifier.inspect(checkpointDir);
        if (!info.isOk()) {
            throw new CorruptCheckpointException(info.verification());
        }
        CheckpointManifest manifest = info.manifest();
        JsonNode trainerState = readJson(checkpointDir.resolve(CheckpointLayout.TRAINER_STATE_FILE));
        JsonNode config = manifest.files().containsKey(CheckpointLayout.CONFIG_FILE)
                ? readJson(checkpointDir.resolve(CheckpointLayout.CONFIG_FILE))
                : null;
        return new CheckpointPayload(manifest.step(), manifest.epoch(), manifest.elapsedSeconds(),
                SafetensorsReader.read(checkpointDir.resolve(CheckpointLayout.MODEL_FILE)).tensors(),
                SafetensorsReader.read(checkpointDir.resolve(CheckpointLayout.OPTIMIZER_FILE)).tensors(),
                trainerState, config, manifest.metric());
    }

    /**
     * Deletes the checkpoints a retention policy does not keep. Each is first renamed out of sight
     * ({@code .trash-…}) and then deleted, so a crash mid-deletion never leaves a half-deleted
     * {@code checkpoint-<step>}.
     *
     * @param policy what to keep
     * @param protectedSteps steps never to delete, such as the checkpoint being resumed from
     * @return the directories deleted, in ascending step order
     * @throws IOException if listing or deleting fails; checkpoints deleted before the failure stay deleted
     * @throws IllegalStateException if the store was opened read-only
     */
    public List<Path> applyRetention(RetentionPolicy policy, Set<Long> protectedSteps) throws IOException {
        ensureWritable();
        synchronized (writeLock) {
            List<CheckpointInfo> all = list();
            Map<Long, CheckpointInfo> byStep =
                    all.stream().collect(Collectors.toMap(CheckpointInfo::step, Function.identity()));
            List<RetentionCandidate> candidates = all.stream().map(CheckpointStore::candidate).toList();
            List<Path> deleted = new ArrayList<>();
            for (RetentionCandidate doomed : policy.selectForDeletion(candidates, protectedSteps)) {
                Path dir = byStep.get(doomed.step()).path();
                try {
                    Path aside = Directories.moveAside(dir, CheckpointLayout.TRASH_PREFIX);
                    cache.forget(dir);
                    FileTrees.deleteRecursively(aside);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                deleted.add(dir);
            }
            return deleted;
        }
    }

    private void ensureWritable() {
        if (readOnly) {
            throw new IllegalStateException(directory + ": this checkpoint store was opened read-only");
        }
    }

    private static RetentionCandidate candidate(CheckpointInfo info) {
        CheckpointManifest manifest = info.manifest();
        double elapsedSeconds = manifest == null ? 0 : manifest.elapsedSeconds();
        Double metric = manifest == null || manifest.metric() == null ? null : manifest.metric().value();
        return new RetentionCandidate(info.step(), elapsedSeconds, metric, info.isOk());
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return CheckpointJson.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CheckpointStore[" + directory + "]";
    }
}
