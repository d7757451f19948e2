package dev.metronome.cli.inspect;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.cli.command.CliContext;
import dev.metronome.cli.console.ConsoleFormat;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.RunDirectories;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.ResumeRecord;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.run.RunDirectoryLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code metronome inspect}: verify every checksum and describe a checkpoint, or a run and all its
 * checkpoints. Uses a read-only store, so inspecting a live run never disturbs it. Exits 1 when a
 * checkpoint is corrupt.
 */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Verify and describe a checkpoint, or a run and every checkpoint in it: step, time, metric, "
                + "status (ok / corrupt: why), files with sizes and SHA-256, tensors and trainer state. Safe on a "
                + "run that is still training. Exit status 1 when a checkpoint is corrupt.",
        footerHeading = "%nExamples:%n",
        footer = {"  metronome inspect runs/20260101-120000",
            "  metronome inspect runs/20260101-120000/checkpoints/checkpoint-1200"})
public final class InspectCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "CHECKPOINT|RUN_DIR", description = "A checkpoint-<step> directory or a run directory.")
    private String target;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public InspectCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path path = context.resolve(target);
        if (!Files.isDirectory(path)) {
            throw CliException.runtime(target + ": not found; expected a checkpoint-<step> directory or a run directory");
        }
        if (CheckpointLayout.parseStep(path.getFileName().toString()).isPresent()) {
            return inspectCheckpoint(path);
        }
        if (RunDirectories.holdsRun(path)) {
            return inspectRun(path);
        }
        throw CliException.runtime(target + ": neither a checkpoint-<step> directory nor a run directory "
                + "(no run.json or checkpoints/ inside)");
    }

    private int inspectCheckpoint(Path checkpoint) throws IOException {
        CheckpointStore store = CheckpointStore.openReadOnly(checkpoint.getParent(), context.clock());
        CheckpointInfo info = store.list().stream()
                .filter(candidate -> candidate.path().getFileName().equals(checkpoint.getFileName()))
                .findFirst()
                .orElseThrow(() -> CliException.runtime(target + ": not found"));
        CheckpointDetails.describe(info).forEach(context.out()::println);
        if (!info.isOk()) {
            throw CliException.runtime(info.name() + " is corrupt: " + info.verification().reason());
        }
        return 0;
    }

    private int inspectRun(Path run) throws IOException {
        PrintStream out = context.out();
        describeProvenance(run).forEach(out::println);
        CheckpointStore store = CheckpointStore.openReadOnly(CheckpointLayout.checkpointsDir(run), context.clock());
        List<CheckpointInfo> checkpoints = store.list();
        long corrupt = checkpoints.stream().filter(info -> !info.isOk()).count();
        out.println("checkpoints: " + checkpoints.size() + " (" + (checkpoints.size() - corrupt) + " ok, " + corrupt
                + " corrupt)");
        for (CheckpointInfo info : checkpoints) {
            out.println("  " + row(info));
        }
        Optional<CheckpointInfo> newestValid = store.latestValid().checkpoint();
        if (newestValid.isPresent()) {
            out.println();
            out.println("newest valid checkpoint:");
            CheckpointDetails.describe(newestValid.get()).forEach(line -> out.println("  " + line));
        }
        if (interrupted(run)) {
            throw CliException.runtime(target + ": interrupted: run.json says running, but no training holds the directory;"
                    + " continue it with metronome train --resume latest --output-dir " + target);
        }
        if (corrupt > 0) {
            String names = checkpoints.stream().filter(info -> !info.isOk()).map(CheckpointInfo::name)
                    .collect(Collectors.joining(", "));
            throw CliException.runtime(corrupt + " of " + checkpoints.size() + " checkpoints " + (corrupt == 1 ? "is" : "are")
                    + " corrupt: " + names);
        }
        return 0;
    }

    /** A run whose record says running while no process holds its lock has died (crash, kill -9, power loss). */
    private static boolean interrupted(Path run) throws IOException {
        if (!Files.exists(run.resolve(ProvenanceFile.FILE_NAME)) || RunDirectoryLock.isHeld(run)) {
            return false;
        }
        try {
            return ProvenanceFile.readIn(run).status() == RunStatus.RUNNING;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String row(CheckpointInfo info) {
        String metric = info.metric().map(m -> m.name() + " " + ConsoleFormat.number(m.value())).orElse("-");
        String created = info.createdAt().map(Object::toString).orElse("-");
        String status = info.isOk() ? "ok" : "corrupt: " + info.verification().reason();
        return String.format(Locale.ROOT, "%-18s step %-8d %-24s %-20s %s", info.name(), info.step(), created, metric, status);
    }

    private static List<String> describeProvenance(Path run) {
        if (!Files.exists(run.resolve(ProvenanceFile.FILE_NAME))) {
            return List.of("run " + run + ": no run.json");
        }
        try {
            RunProvenance provenance = ProvenanceFile.readIn(run);
            boolean dead = provenance.status() == RunStatus.RUNNING && !RunDirectoryLock.isHeld(run);
            StringBuilder head = new StringBuilder("run ").append(run).append(": ")
                    .append(dead ? "interrupted (recorded as running; no training holds it)" : provenance.status().wireName())
                    .append(" · started ").append(provenance.startedAt());
            if (provenance.endedAt() != null) {
                head.append(" · ended ").append(provenance.endedAt());
            }
            List<String> lines = new java.util.ArrayList<>(List.of(head.toString()));
            if (!provenance.finalMetrics().isEmpty()) {
                lines.add("  final " + provenance.finalMetrics().entrySet().stream()
                        .map(e -> e.getKey() + " " + ConsoleFormat.number(e.getValue()))
                        .collect(Collectors.joining(" · ")));
            }
            for (ResumeRecord resumed : provenance.resumedFrom()) {
                lines.add("  resumed from " + resumed.checkpoint() + " (step " + resumed.step() + ") at " + resumed.resumedAt());
            }
            return lines;
        } catch (IOException | RuntimeException e) {
            return List.of("run " + run + ": run.json unreadable (" + e.getMessage() + ")");
        }
    }
}
