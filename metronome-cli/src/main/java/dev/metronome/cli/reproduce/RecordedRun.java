package dev.metronome.cli.reproduce;

import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointVerification;
import dev.metronome.cli.export.ExportRecord;
import dev.metronome.cli.export.Sha256Sums;
import dev.metronome.cli.failure.CliException;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.ProvenanceFormatException;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A finished run to reproduce, from a bundle ({@code metronome export}) or a run directory: its
 * provenance, and where its final parameters can be read for a tensor-by-tensor comparison.
 *
 * @param location the bundle or run directory
 * @param bundle whether it is a bundle
 * @param provenance its {@code run.json}
 * @param finalStep the recorded final step
 * @param finalParameterHash the recorded hash of the final parameters
 * @param reference the {@code model.safetensors} holding the parameters of the final step, if there is one
 * @param referenceName how to name the reference in messages, e.g. {@code bundle model.safetensors}
 */
record RecordedRun(Path location, boolean bundle, RunProvenance provenance, long finalStep, String finalParameterHash,
        Optional<Path> reference, String referenceName) {

    /**
     * Opens a bundle or run directory. A bundle's {@code SHA256SUMS} must check out first.
     *
     * @param location the directory
     * @param typed the directory as typed, for messages
     * @param clock the clock of the read-only checkpoint store
     * @return the run
     * @throws CliException (runtime) if the directory holds no run, a bundle file fails its checksum,
     *     or the run has no final step and parameter hash (it is running or failed)
     * @throws IOException if a file cannot be read
     */
    static RecordedRun open(Path location, String typed, Clock clock) throws IOException {
        boolean bundle = Files.exists(location.resolve(Sha256Sums.FILE_NAME)) || Files.exists(location.resolve(ExportRecord.FILE_NAME));
        if (bundle) {
            List<String> problems = Sha256Sums.verify(location);
            if (!problems.isEmpty()) {
                throw CliException.runtime("bundle " + typed + " is corrupt: " + String.join("; ", problems));
            }
        }
        RunProvenance provenance;
        try {
            provenance = ProvenanceFile.readIn(location);
        } catch (NoSuchFileException e) {
            throw CliException.runtime(typed + ": neither a bundle nor a run directory (no " + ProvenanceFile.FILE_NAME + " inside)");
        } catch (ProvenanceFormatException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage(), e);
        }
        if (provenance.finalStep() == null || provenance.finalParameterHash() == null) {
            throw CliException.runtime(typed + "/" + ProvenanceFile.FILE_NAME + ": status " + provenance.status().name()
                    .toLowerCase(Locale.ROOT) + " with no final_step and final_parameter_hash; only a run that "
                    + "ended (completed or stopped) can be reproduced");
        }
        long step = provenance.finalStep();
        Optional<Path> reference = bundle ? bundleReference(location, step) : checkpointReference(location, step, clock);
        String name = bundle ? "bundle model.safetensors" : CheckpointLayout.CHECKPOINTS_DIR + "/" + CheckpointLayout.dirName(step);
        return new RecordedRun(location, bundle, provenance, step, provenance.finalParameterHash(), reference, name);
    }

    /** A bundle's parameters are the final ones when {@code export.json} says they are of the final step. */
    private static Optional<Path> bundleReference(Path bundle, long finalStep) throws IOException {
        Path model = bundle.resolve(CheckpointLayout.MODEL_FILE);
        if (!Files.exists(model) || !Files.exists(bundle.resolve(ExportRecord.FILE_NAME))) {
            return Optional.empty();
        }
        return ExportRecord.readIn(bundle).step() == finalStep ? Optional.of(model) : Optional.empty();
    }

    /** A run directory's reference is its checkpoint of the final step, when it is still there and verifies. */
    private static Optional<Path> checkpointReference(Path run, long finalStep, Clock clock) {
        Path checkpoints = CheckpointLayout.checkpointsDir(run);
        Path checkpoint = checkpoints.resolve(CheckpointLayout.dirName(finalStep));
        if (!Files.isDirectory(checkpoint)) {
            return Optional.empty();
        }
        CheckpointVerification verification = CheckpointStore.openReadOnly(checkpoints, clock).verify(checkpoint);
        return verification.isOk() ? Optional.of(checkpoint.resolve(CheckpointLayout.MODEL_FILE)) : Optional.empty();
    }
}
