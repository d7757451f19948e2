package dev.metronome.run;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointResume;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.LatestValid;
import dev.metronome.loop.ResumePoint;
import dev.metronome.metrics.jsonl.JsonlMetricSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Chooses the checkpoint a run continues from, as a {@link ResumeRequest} asks. */
final class ResumeResolver {

    private ResumeResolver() {}

    /**
     * Resolves a request.
     *
     * @return the resume point, or null for a fresh run
     * @throws RunDirectoryException if a fresh run would mix with an existing one, or nothing
     *     valid is left to resume from
     * @throws dev.metronome.checkpoint.CorruptCheckpointException if a given checkpoint is corrupt
     */
    static ResumePoint resolve(ResumeRequest request, CheckpointStore store, Path runDirectory, Consumer<String> notices)
            throws IOException {
        List<CheckpointInfo> existing = store.list();
        switch (request.mode()) {
            case NONE -> {
                if (!existing.isEmpty() || Files.exists(runDirectory.resolve(JsonlMetricSink.FILE_NAME))) {
                    throw new RunDirectoryException(runDirectory + " already holds a run"
                            + (existing.isEmpty() ? "" : " (newest " + existing.get(existing.size() - 1).name() + ")")
                            + "; resume it (--resume latest) or choose another output directory");
                }
                return null;
            }
            case LATEST -> {
                LatestValid latest = store.latestValid();
                latest.skippedCorrupt().forEach(bad -> notices.accept(
                        "skipping " + bad.name() + ": " + bad.verification().reason()));
                if (latest.checkpoint().isEmpty()) {
                    if (!latest.skippedCorrupt().isEmpty()) {
                        throw new RunDirectoryException("no valid checkpoint to resume from in " + store.directory()
                                + ": every checkpoint failed verification");
                    }
                    notices.accept("no checkpoint in " + store.directory() + " yet: starting a new run");
                    return null;
                }
                CheckpointInfo chosen = latest.checkpoint().get();
                return load(store, chosen.path(), runDirectory);
            }
            case PATH -> {
                Path checkpoint = request.checkpoint();
                if (!Files.isDirectory(checkpoint)) {
                    throw new RunDirectoryException(checkpoint + ": no such checkpoint directory");
                }
                return load(store, checkpoint, runDirectory);
            }
            default -> throw new IllegalStateException("unknown resume mode " + request.mode());
        }
    }

    private static ResumePoint load(CheckpointStore store, Path checkpoint, Path runDirectory) throws IOException {
        return CheckpointResume.from(store.load(checkpoint), checkpoint, runDirectory);
    }
}
