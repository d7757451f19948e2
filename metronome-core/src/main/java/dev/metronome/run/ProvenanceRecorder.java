package dev.metronome.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.ResumePoint;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.ResumeRecord;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps {@code run.json} up to date: written at start (or resume), completed at the end. A resumed
 * session never loses what the record held before it: a session that fails before its first step
 * puts the record back as it was, and a session that trains no step keeps the final metrics (a
 * completed run resumed with nothing left to do keeps its record unchanged).
 */
final class ProvenanceRecorder {

    private final Path runDirectory;
    private final Clock clock;
    private RunProvenance previous;
    private RunProvenance current;

    ProvenanceRecorder(Path runDirectory, Clock clock) {
        this.runDirectory = runDirectory;
        this.clock = clock;
    }

    void begin(JsonNode config, RunDescription description, ResumePoint resume) throws IOException {
        Instant now = now();
        boolean continuing = resume != null && Files.exists(runDirectory.resolve(ProvenanceFile.FILE_NAME));
        if (continuing) {
            previous = ProvenanceFile.readIn(runDirectory);
            current = previous;
        } else {
            EnvironmentProvenance environment = EnvironmentProvenance.current(description.engines())
                    .withDevice(description.device())
                    .withThreads(description.threads())
                    .withDistributed(description.distributed());
            current = RunProvenance.started(BuildInfo.current(), config, description.seeds(), description.datasets(),
                    environment, now);
        }
        if (resume != null) {
            Map<String, String> engines = description.engines();
            boolean otherEngine = continuing && !engines.isEmpty() && !engines.equals(previous.environment().engines());
            current = current.resumed(new ResumeRecord(resume.checkpoint(), resume.trainerState().step(), now,
                    otherEngine ? engines : null));
        }
        ProvenanceFile.writeIn(runDirectory, current);
    }

    RunOutcome end(FitResult fit, TrainingTask task, Path directory, ResumePoint resume, Long lastSavedStep,
            boolean finalSaveLost) throws IOException {
        RunStatus status = finalSaveLost && RunStatus.forStopReason(fit.stopReason()) == RunStatus.COMPLETED
                ? RunStatus.FAILED : RunStatus.forStopReason(fit.stopReason());
        String hash = ParameterHash.of(task.captureState().parameters());
        boolean trainedNothing = resume != null && fit.trainedSteps() == resume.trainerState().step();
        Map<String, Double> metrics = finalMetrics(fit);
        if (previous != null && trainedNothing && fit.lastEvaluation() == null && previous.status() == status
                && previous.finalStep() != null && previous.finalStep() == fit.steps()) {
            current = previous;
        } else {
            if (previous != null && trainedNothing) {
                Map<String, Double> kept = new LinkedHashMap<>(previous.finalMetrics());
                kept.putAll(metrics);
                metrics = kept;
            }
            current = current.ended(status, now(), fit.steps(), metrics, hash);
        }
        current = current.withLastSavedStep(lastSavedStep);
        ProvenanceFile.writeIn(runDirectory, current);
        return new RunOutcome(fit, directory, resume == null ? null : resume.checkpoint(), status, hash);
    }

    /**
     * Records a failed session; a failure to write is attached to the original exception.
     *
     * @param failure what went wrong
     * @param trainedAStep whether the session completed a step before it failed; a resumed session
     *     that did not puts the record back as it was before the session
     */
    void fail(Throwable failure, boolean trainedAStep) {
        try {
            current = previous != null && !trainedAStep ? previous : current.ended(RunStatus.FAILED, now(), Map.of(), null);
            ProvenanceFile.writeIn(runDirectory, current);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Map<String, Double> finalMetrics(FitResult fit) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        FitResult.EvaluationRecord last = fit.lastEvaluation();
        if (last != null) {
            last.evaluation().metrics().forEach((name, value) -> metrics.put("eval_" + name, value));
        }
        if (Double.isFinite(fit.bestValue())) {
            metrics.put("best_eval_" + fit.bestMetric(), fit.bestValue());
        }
        return metrics;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.wallTimeMillis());
    }
}
