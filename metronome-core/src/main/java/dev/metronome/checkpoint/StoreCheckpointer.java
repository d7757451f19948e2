package dev.metronome.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.loop.Checkpointer;
import dev.metronome.loop.CompletedSave;
import dev.metronome.loop.LoopSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The training loop's {@link Checkpointer} backed by a {@link CheckpointWriter}: snapshots become
 * checksummed checkpoint directories under {@code <run>/checkpoints/}, written asynchronously
 * unless the save is urgent (the final save and a signal save wait until the checkpoint is
 * complete on disk).
 */
public final class StoreCheckpointer implements Checkpointer {

    private final CheckpointWriter writer;
    private final Path runDirectory;
    private final JsonNode config;
    private final List<CompletedSave> urgentResults = new ArrayList<>();

    /**
     * Creates the checkpointer.
     *
     * @param writer the writer, over the run's checkpoint store
     * @param runDirectory the run directory, against which checkpoint paths are reported
     * @param config the resolved run configuration written into every checkpoint as
     *     {@code config.json}, or null
     */
    public StoreCheckpointer(CheckpointWriter writer, Path runDirectory, JsonNode config) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.runDirectory = runDirectory.toAbsolutePath().normalize();
        this.config = config == null ? null : config.deepCopy();
    }

    @Override
    public boolean save(LoopSnapshot snapshot, boolean urgent) {
        CheckpointPayload payload = payload(snapshot);
        if (urgent) {
            SaveResult result = writer.saveAndWait(payload);
            if (result.isWritten()) {
                urgentResults.add(completed(result));
            }
            return result.isWritten();
        }
        return writer.save(payload) == SaveSubmission.ACCEPTED;
    }

    @Override
    public List<CompletedSave> drainCompleted() {
        List<CompletedSave> completed = new ArrayList<>();
        for (SaveResult result : writer.drainCompleted()) {
            if (result.isWritten()) {
                completed.add(completed(result));
            }
        }
        completed.addAll(urgentResults);
        urgentResults.clear();
        return completed;
    }

    /**
     * Yes: neither this checkpointer nor its writer keeps a payload once its write is over
     * (written, failed or skipped), so the loop may hand the snapshot back to the task for reuse.
     *
     * @return {@code true}
     */
    @Override
    public boolean releasesSnapshots() {
        return true;
    }

    @Override
    public void close() {
        writer.close();
    }

    private CheckpointPayload payload(LoopSnapshot snapshot) {
        Metric metric = Double.isFinite(snapshot.metricValue()) && snapshot.metricName() != null
                ? new Metric("eval_" + snapshot.metricName(), snapshot.metricValue())
                : null;
        return new CheckpointPayload(snapshot.step(), snapshot.epoch(), snapshot.elapsed().wallSeconds(),
                snapshot.task().parameters(), snapshot.task().optimizerState(), snapshot.trainerState(), config, metric);
    }

    private CompletedSave completed(SaveResult result) {
        return new CompletedSave(result.step(), relative(result.path()), result.bytes(), result.writeNanos(),
                result.deleted().stream().map(this::relative).toList());
    }

    private String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(runDirectory) ? runDirectory.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
