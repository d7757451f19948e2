package dev.metronome.cli.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.cli.command.CliContext;
import dev.metronome.cli.config.ConfigWriter;
import dev.metronome.cli.console.ConsoleFormat;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.report.ExplainFile;
import dev.metronome.cli.report.ExplainResult;
import dev.metronome.cli.report.HtmlReport;
import dev.metronome.cli.report.RunDirectoryReader;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.ProvenanceFormatException;
import dev.metronome.provenance.RunProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metronome export}: write an open bundle of a run's model, configuration, provenance, metrics, report and model card. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Export a run as an open bundle: model.safetensors (verified against the checkpoint's checksums), "
                + "config.yaml, run.json, metrics.jsonl, report.html, export.json, explain.json (if any), a generated "
                + "MODEL_CARD.md and SHA256SUMS.",
            "The target must be a new or empty directory; nothing is ever overwritten."},
        footerHeading = "%nExamples:%n",
        footer = {"  metronome export runs/20260101-120000 --out bundles/fraud-v1",
            "  metronome export runs/20260101-120000 --out bundles/best --checkpoint best --licence Apache-2.0",
            "  metronome export runs/a --out out --checkpoint runs/a/checkpoints/checkpoint-1200",
            "",
            "Exit status: 0 ok, 1 corrupt checkpoint or unreadable run, 2 bad arguments or a non-empty --out."})
public final class ExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory.")
    private String runDirectory;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The bundle directory (new or empty).")
    private String out;

    @Option(names = "--checkpoint", paramLabel = "latest|best|PATH",
            description = "Which parameters: the newest valid checkpoint (default; best for a run with "
                + "training.load_best_at_end), the one with the best recorded metric, or a checkpoint-<step> directory "
                + "of the run.")
    private String checkpoint;

    @Option(names = "--licence", paramLabel = "SPDX-ID", defaultValue = "NOASSERTION",
            description = "The licence the parameters are published under, e.g. Apache-2.0 (default: not stated).")
    private String licence;

    @Option(names = "--intended-use", paramLabel = "TEXT",
            description = "What the model is for and not for, for the model card (default: a text for the dataset).")
    private String intendedUse;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public ExportCommand(CliContext context) {
        this.context = context;
    }

    /** A bundle written into a run's checkpoints would be taken for (or corrupt) a checkpoint. */
    private void refuseCheckpointDirectory(Path run, Path target) {
        Path normalized = target.toAbsolutePath().normalize();
        boolean inCheckpoint = false;
        for (Path part = normalized; part != null && part.getFileName() != null; part = part.getParent()) {
            if (CheckpointLayout.parseStep(part.getFileName().toString()).isPresent()) {
                inCheckpoint = true;
            }
        }
        if (inCheckpoint || normalized.startsWith(CheckpointLayout.checkpointsDir(run.toAbsolutePath().normalize()))) {
            throw CliException.usage("--out " + out + ": inside a run's checkpoints; expected a bundle folder outside"
                    + " them, like bundles/" + run.getFileName());
        }
    }

    @Override
    public Integer call() throws IOException {
        Path run = context.resolve(runDirectory);
        RunProvenance provenance = readProvenance(run);
        String choice = checkpoint != null ? checkpoint
                : provenance.config().at("/training/load_best_at_end").asBoolean(false) ? "best" : "latest";
        ChosenCheckpoint chosen = ChosenCheckpoint.choose(run, choice,
                ChosenCheckpoint.modeOf(provenance.config().at("/schedule/best_metric/mode").asText(null)),
                context.workingDirectory(), context.clock());
        chosen.skippedCorrupt().forEach(line -> context.err().println("warning: " + line));
        Path target = context.resolve(out);
        refuseCheckpointDirectory(run, target);
        ExportRecord record;
        Map<String, String> sums;
        try (BundleWriter bundle = BundleWriter.start(target, out)) {
            Path dir = bundle.directory();
            String modelSha = bundle.copyModel(chosen.info().path(), chosen.info().manifest());
            String parameterHash = ParameterHash.of(SafetensorsReader.read(dir.resolve(CheckpointLayout.MODEL_FILE)).tensors());
            if (!bundle.copyIfPresent(run.resolve(ConfigWriter.FILE_NAME))) {
                Files.writeString(dir.resolve(ConfigWriter.FILE_NAME), ConfigWriter.toYaml((ObjectNode) provenance.config()),
                        StandardCharsets.UTF_8);
            }
            bundle.copyIfPresent(run.resolve(ProvenanceFile.FILE_NAME));
            List<MetricEvent> events = bundle.copyIfPresent(run.resolve("metrics.jsonl"))
                    ? MetricsLogReader.read(run.resolve("metrics.jsonl")).events() : List.of();
            Optional<ExplainResult> explain = readExplain(run);
            if (explain.isPresent()) {
                bundle.copyIfPresent(run.resolve(ExplainFile.FILE_NAME));
            }
            writeReport(run, dir);
            record = new ExportRecord(ExportRecord.FORMAT_VERSION, Instant.ofEpochMilli(context.clock().wallTimeMillis()),
                    BuildInfo.current().version(), run.toString(), chosen.relativeName(), chosen.choice(),
                    chosen.info().step(), parameterHash, parameterHash.equals(provenance.finalParameterHash()), licence);
            record.writeIn(dir);
            String card = ModelCard.render(new CardInputs(run.getFileName().toString(), provenance, events, record, modelSha,
                    explain, Optional.ofNullable(intendedUse), BuildInfo.current().version()));
            Files.writeString(dir.resolve(ModelCard.FILE_NAME), card, StandardCharsets.UTF_8);
            sums = bundle.publish();
        }
        context.out().println("exported " + record.checkpoint() + " (step " + record.step()
                + (record.finalParameters() ? ", the final parameters" : "") + ") of " + run + " → " + target);
        for (String name : sums.keySet()) {
            context.out().printf("  %-18s %10s%n", name, ConsoleFormat.bytes(Files.size(target.resolve(name))));
        }
        context.out().println("  parameter hash     " + record.parameterHash());
        context.out().println("check it with: (cd " + target + " && sha256sum -c " + Sha256Sums.FILE_NAME + ")");
        return 0;
    }

    private RunProvenance readProvenance(Path run) throws IOException {
        try {
            return ProvenanceFile.readIn(run);
        } catch (NoSuchFileException e) {
            throw CliException.runtime(runDirectory + ": not a run directory (no " + ProvenanceFile.FILE_NAME + " inside)");
        } catch (ProvenanceFormatException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage(), e);
        }
    }

    private Optional<ExplainResult> readExplain(Path run) throws IOException {
        Path file = run.resolve(ExplainFile.FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExplainFile.read(file));
        } catch (RuntimeException e) {
            context.err().println("warning: " + ExplainFile.FILE_NAME + " left out: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void writeReport(Path run, Path bundle) {
        try {
            Files.writeString(bundle.resolve(HtmlReport.FILE_NAME), HtmlReport.render(RunDirectoryReader.read(run)),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            context.err().println("warning: " + HtmlReport.FILE_NAME + " left out: " + e.getMessage());
        }
    }
}
