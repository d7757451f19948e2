package dev.metronome.cli.report;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.metrics.jsonl.JsonlMetricSink;
import dev.metronome.metrics.jsonl.MetricsLog;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the report's inputs from a run directory. Only {@code metrics.jsonl} is required; every
 * other file may be missing or broken, in which case the report goes on without it and says so.
 * Nothing in the run directory is changed, so a report can be made of a run that is still going
 * (checkpoints are listed read-only).
 */
public final class RunDirectoryReader {

    /** The resolved configuration the CLI writes into a run directory. */
    public static final String CONFIG_FILE = "config.yaml";

    /** Larger configuration files are cut, so a stray file cannot swell the report. */
    static final int MAX_CONFIG_CHARS = 200_000;

    private RunDirectoryReader() {}

    /**
     * Reads a run directory.
     *
     * @param runDir the run directory
     * @return the inputs, with a note for each optional file that is missing or unreadable
     * @throws NoSuchFileException if {@code metrics.jsonl} does not exist
     * @throws dev.metronome.metrics.jsonl.MalformedMetricsLogException if a complete line of it is invalid
     * @throws IOException if it cannot be read
     */
    public static RunInputs read(Path runDir) throws IOException {
        Path metricsFile = runDir.resolve(JsonlMetricSink.FILE_NAME);
        if (!Files.isRegularFile(metricsFile)) {
            throw new NoSuchFileException(metricsFile.toString(), null,
                    "missing; a report needs the run's metric log (is this a Metronome run directory?)");
        }
        List<String> notes = new ArrayList<>();
        MetricsLog log = MetricsLogReader.read(metricsFile);
        if (log.incompleteLastLineSkipped()) {
            notes.add(JsonlMetricSink.FILE_NAME + " ends in an incomplete line (an interrupted write); it was left out.");
        }
        Optional<RunProvenance> provenance = readProvenance(runDir, notes);
        Optional<String> config = readConfig(runDir, provenance.isPresent(), notes);
        List<CheckpointRow> checkpoints = readCheckpoints(runDir, notes);
        Optional<ExplainResult> explain = readExplain(runDir, notes);
        String name = runDir.toAbsolutePath().normalize().getFileName() == null
                ? runDir.toString()
                : runDir.toAbsolutePath().normalize().getFileName().toString();
        return new RunInputs(name, log.events(), config, provenance, checkpoints, explain, notes);
    }

    private static Optional<RunProvenance> readProvenance(Path runDir, List<String> notes) {
        Path file = runDir.resolve(ProvenanceFile.FILE_NAME);
        if (!Files.exists(file)) {
            notes.add(ProvenanceFile.FILE_NAME + " not found: no provenance (environment, data, seeds) to show.");
            return Optional.empty();
        }
        try {
            return Optional.of(ProvenanceFile.read(file));
        } catch (IOException e) {
            notes.add(ProvenanceFile.FILE_NAME + " could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> readConfig(Path runDir, boolean haveProvenance, List<String> notes) {
        Path file = runDir.resolve(CONFIG_FILE);
        if (!Files.exists(file)) {
            notes.add(CONFIG_FILE + " not found" + (haveProvenance
                    ? ": the configuration shown is the one recorded in run.json."
                    : ": no configuration to show."));
            return Optional.empty();
        }
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (text.length() > MAX_CONFIG_CHARS) {
                notes.add(CONFIG_FILE + " has " + ValueFormat.count(text.length()) + " characters; only the first "
                        + ValueFormat.count(MAX_CONFIG_CHARS) + " are shown.");
                text = text.substring(0, MAX_CONFIG_CHARS);
            }
            return Optional.of(text);
        } catch (IOException e) {
            notes.add(CONFIG_FILE + " could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<CheckpointRow> readCheckpoints(Path runDir, List<String> notes) {
        Path directory = CheckpointLayout.checkpointsDir(runDir);
        if (!Files.isDirectory(directory)) {
            notes.add(CheckpointLayout.CHECKPOINTS_DIR + "/ not found: the run saved no checkpoints here.");
            return List.of();
        }
        try {
            List<CheckpointRow> rows = new ArrayList<>();
            for (CheckpointInfo info : CheckpointStore.openReadOnly(directory, Clock.SYSTEM).list()) {
                rows.add(CheckpointRow.of(info));
            }
            return rows;
        } catch (IOException e) {
            notes.add(CheckpointLayout.CHECKPOINTS_DIR + "/ could not be listed: " + e.getMessage());
            return List.of();
        }
    }

    private static Optional<ExplainResult> readExplain(Path runDir, List<String> notes) {
        Path file = runDir.resolve(ExplainFile.FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExplainFile.read(file));
        } catch (IOException e) {
            notes.add(ExplainFile.FILE_NAME + " could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
