package dev.metronome.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointManifest;
import dev.metronome.checkpoint.CheckpointProblem;
import dev.metronome.checkpoint.safetensors.SafetensorsHeader;
import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.checkpoint.safetensors.TensorEntry;
import dev.metronome.cli.console.ConsoleFormat;
import dev.metronome.schedule.SchedulerState;
import dev.metronome.state.TrainerState;
import dev.metronome.state.TrainerStateJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Describes one checkpoint for {@code inspect}: its status and problems, its manifest (step, epoch,
 * time, metric, every file with size and SHA-256), the tensors it holds and a summary of the
 * trainer state. Reads only.
 */
final class CheckpointDetails {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointDetails() {}

    /**
     * Describes a checkpoint.
     *
     * @param info the checkpoint as listed and verified by the store
     * @return the lines, the first naming the checkpoint and its status
     */
    static List<String> describe(CheckpointInfo info) {
        List<String> lines = new ArrayList<>();
        lines.add(info.name() + " (" + info.path() + "): " + (info.isOk() ? "ok" : "corrupt"));
        for (CheckpointProblem problem : info.verification().problems()) {
            lines.add("  problem: " + problem.message());
        }
        CheckpointManifest manifest = info.manifest();
        if (manifest == null) {
            return lines;
        }
        lines.add("  step " + manifest.step() + " · epoch " + manifest.epoch() + " · created " + manifest.createdAt()
                + " · elapsed " + ConsoleFormat.duration(manifest.elapsedSeconds()));
        if (manifest.metric() != null) {
            lines.add("  metric " + manifest.metric().name() + " " + ConsoleFormat.number(manifest.metric().value()));
        }
        lines.add("  files:");
        for (Map.Entry<String, CheckpointManifest.FileEntry> file : manifest.files().entrySet()) {
            lines.add(String.format(Locale.ROOT, "    %-24s %10s  sha256 %s", file.getKey(),
                    ConsoleFormat.bytes(file.getValue().bytes()), file.getValue().sha256()));
        }
        if (info.isOk()) {
            lines.add("  " + tensors("model", info.path().resolve(CheckpointLayout.MODEL_FILE)));
            lines.add("  " + tensors("optimizer", info.path().resolve(CheckpointLayout.OPTIMIZER_FILE)));
            lines.add("  " + trainerState(info.path().resolve(CheckpointLayout.TRAINER_STATE_FILE)));
        }
        return lines;
    }

    private static String tensors(String label, Path file) {
        try {
            SafetensorsHeader header = SafetensorsReader.readHeader(file);
            long values = 0;
            TreeSet<String> dtypes = new TreeSet<>();
            for (TensorEntry tensor : header.tensors()) {
                long count = 1;
                for (long dimension : tensor.shape()) {
                    count *= dimension;
                }
                values += count;
                dtypes.add(tensor.dtype().name());
            }
            return String.format(Locale.ROOT, "%s: %d tensors, %,d values (%s)", label, header.tensors().size(), values,
                    String.join(", ", dtypes));
        } catch (IOException | RuntimeException e) {
            return label + ": unreadable (" + e.getMessage() + ")";
        }
    }

    private static String trainerState(Path file) {
        try {
            JsonNode json = JSON.readTree(file.toFile());
            TrainerState state = TrainerStateJson.fromJson(json, file.toString());
            SchedulerState scheduler = state.scheduler();
            StringBuilder line = new StringBuilder("trainer state: step ").append(state.step())
                    .append(" · ").append(state.stepsPerEpoch()).append(" steps per epoch (epoch ").append(state.epoch())
                    .append(") · elapsed ").append(ConsoleFormat.duration(state.elapsed().wallNanos() / 1e9))
                    .append(" (evaluating ").append(ConsoleFormat.duration(state.elapsed().evaluationNanos() / 1e9))
                    .append(", saving ").append(ConsoleFormat.duration(state.elapsed().saveNanos() / 1e9)).append(")");
            if (scheduler.bestValue() != null && !scheduler.bestValue().isNaN()) {
                line.append(" · best ").append(ConsoleFormat.number(scheduler.bestValue()))
                        .append(" at step ").append(scheduler.bestStep());
            }
            if (scheduler.evaluationsWithoutImprovement() > 0) {
                line.append(" · ").append(scheduler.evaluationsWithoutImprovement()).append(" evaluations without improvement");
            }
            return line.toString();
        } catch (IOException | RuntimeException e) {
            return "trainer state: unreadable (" + e.getMessage() + ")";
        }
    }
}
