package dev.metronome.cli.reproduce;

import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.cli.command.CliContext;
import dev.metronome.cli.console.ConsoleCallback;
import dev.metronome.cli.console.ConsoleMode;
import dev.metronome.cli.failure.CliException;
import dev.metronome.files.FileTrees;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.tensor.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metronome reproduce}: retrain a finished run from its record and compare the parameters bit for bit. */
@Command(name = "reproduce",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Retrain a run from its recorded configuration and data and compare the final parameters "
                + "bit for bit with the recorded ones.",
            "First every recorded data file is hashed again (a mismatch stops here). Then training runs to exactly "
                + "the recorded final step, with the recorded seed and intra-op thread count, evaluating and saving "
                + "only at the end. Prints MATCH or MISMATCH (the first differing tensor and its largest absolute "
                + "difference). Bit-identical parameters need the same Metronome build, engine versions, intra-op "
                + "thread count and kind of CPU; differences are named before training."},
        footerHeading = "%nExamples:%n",
        footer = {"  metronome reproduce bundles/fraud-v1",
            "  metronome reproduce runs/20260101-120000 --out /tmp/again",
            "",
            "Exit status: 0 MATCH, 1 MISMATCH, changed data or an unreadable record, 2 bad arguments."})
public final class ReproduceCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "BUNDLE|RUN_DIR", description = "A bundle written by 'metronome export', or a run directory.")
    private String target;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the reproduction here (new or empty); default: a temporary directory, deleted after a MATCH.")
    private String out;

    @Option(names = "--quiet", description = "Print only the checks, the end of training and the verdict.")
    private boolean quiet;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public ReproduceCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        RecordedRun recorded = RecordedRun.open(context.resolve(target), target, context.clock());
        context.out().println("recorded: " + (recorded.bundle() ? "bundle " : "run ") + recorded.location() + " · step "
                + recorded.finalStep() + " · parameter hash " + recorded.finalParameterHash());
        if (recorded.finalStep() < 1) {
            throw CliException.runtime(target + ": the recorded run ended at step 0; there is no training to reproduce");
        }
        DataVerification.verify(recorded.provenance().datasets()).forEach(context.out()::println);
        Path directory = outputDirectory();
        boolean temporary = out == null;
        ReproductionConfig configs = ReproductionConfig.of(recorded.provenance(), directory.toString());
        String engine = configs.task().engine().name();
        String header = "reproducing " + configs.run().model().name() + " on " + configs.run().data().name()
                + " with the " + engine + " engine (as recorded) to step " + recorded.finalStep() + " → " + directory;
        ConsoleCallback console = new ConsoleCallback(ConsoleMode.choose(quiet, context.terminal()), context.out(),
                context.clock(), header);
        Reproduction reproduction = new Reproduction(context.clock(), context.taskFactory(), context.err());
        Reproduction.Result result = reproduction.run(configs, directory, recorded.provenance().datasets(), console,
                intraOp -> warnAboutEnvironment(recorded, engine, intraOp));
        Verdict verdict = Verdict.of(recorded, result, reference(recorded));
        context.out().println("reproduced: step " + result.step() + " · parameter hash " + result.parameterHash());
        verdict.lines().forEach(context.out()::println);
        if (verdict.match() && temporary) {
            FileTrees.deleteRecursively(directory);
        } else {
            context.out().println("reproduction " + (temporary ? "kept for inspection in " : "in ") + directory);
        }
        return verdict.match() ? 0 : CliException.RUNTIME;
    }

    private Path outputDirectory() throws IOException {
        if (out == null) {
            return Files.createTempDirectory("metronome-reproduce-");
        }
        Path directory = context.resolve(out);
        if (Files.exists(directory) && (!Files.isDirectory(directory) || FileTrees.entryCount(directory) > 0)) {
            throw CliException.usage("--out " + out + ": not a new or empty directory; a reproduction never writes into "
                    + "another run");
        }
        return directory;
    }

    private void warnAboutEnvironment(RecordedRun recorded, String engine, Integer intraOpThreads) {
        List<String> differences = new ArrayList<>(EnvironmentCheck.differences(recorded.provenance(), BuildInfo.current(),
                EnvironmentProvenance.current(context.taskFactory().engineVersions(engine)), intraOpThreads));
        recorded.provenance().resumedFrom().stream().filter(point -> point.engines() != null).forEach(point ->
                differences.add("the run continued from step " + point.step() + " on " + point.engines()
                        + "; this reproduction trains every step on " + engine));
        if (differences.isEmpty()) {
            context.out().println("environment: same Metronome build, engine versions, Java, CPU model and intra-op "
                    + "threads as recorded");
            return;
        }
        differences.forEach(line -> context.err().println("warning: environment differs: " + line));
        context.err().println("warning: bit-identical parameters are promised only in the recorded environment");
    }

    private static Optional<Map<String, TensorData>> reference(RecordedRun recorded) throws IOException {
        if (recorded.reference().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SafetensorsReader.read(recorded.reference().get()).tensors());
    }
}
