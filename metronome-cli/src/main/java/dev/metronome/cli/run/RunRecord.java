package dev.metronome.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.loop.FitResult;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.ResumeRecord;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's {@code run.json} through its life: written when training starts, updated with each
 * resumption, completed with the status, final metrics and parameter hash at the end.
 */
final class RunRecord {

    private final Path runDirectory;
    private final Clock clock;
    private RunProvenance provenance;

    private RunRecord(Path runDirectory, Clock clock, RunProvenance provenance) {
        this.runDirectory = runDirectory;
        this.clock = clock;
        this.provenance = provenance;
    }

    /**
     * Writes the record of a starting run.
     *
     * @param runDirectory the run directory
     * @param config the resolved configuration
     * @param prepared the task, for seeds, data, device and threads
     * @param engines engine library versions
     * @param clock the wall clock
     * @return the record
     * @throws IOException if {@code run.json} cannot be written
     */
    static RunRecord start(Path runDirectory, JsonNode config, PreparedTask prepared, Map<String, String> engines,
            Clock clock) throws IOException {
        EnvironmentProvenance environment = EnvironmentProvenance.current(engines)
                .withDevice(prepared.device())
                .withThreads(prepared.threads());
        RunProvenance started = RunProvenance.started(BuildInfo.current(), config, prepared.seeds(), prepared.datasets(),
                environment, now(clock));
        RunRecord record = new RunRecord(runDirectory, clock, started);
        record.write();
        return record;
    }

    /**
     * Records a resumption: adds it to the existing {@code run.json} (or starts one if the run has none).
     *
     * @param runDirectory the run directory
     * @param config the resolved configuration
     * @param prepared the task
     * @param engines engine library versions
     * @param checkpoint the checkpoint resumed from, relative to the run directory
     * @param step its step
     * @param clock the wall clock
     * @return the record
     * @throws IOException if {@code run.json} cannot be read or written
     */
    static RunRecord resume(Path runDirectory, JsonNode config, PreparedTask prepared, Map<String, String> engines,
            String checkpoint, long step, Clock clock) throws IOException {
        RunRecord record = Files.exists(runDirectory.resolve(ProvenanceFile.FILE_NAME))
                ? new RunRecord(runDirectory, clock, ProvenanceFile.readIn(runDirectory))
                : start(runDirectory, config, prepared, engines, clock);
        record.provenance = record.provenance.resumed(new ResumeRecord(checkpoint, step, now(clock)));
        record.write();
        return record;
    }

    /**
     * Records the end of the run.
     *
     * @param status completed, stopped or failed
     * @param result what the run produced, or null when it failed
     * @param parameterHash hash of the final parameters, or null
     * @throws IOException if {@code run.json} cannot be written
     */
    void end(RunStatus status, FitResult result, String parameterHash) throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (result != null && result.lastEvaluation() != null) {
            result.lastEvaluation().evaluation().metrics().forEach((name, value) -> metrics.put("eval_" + name, value));
        }
        provenance = provenance.ended(status, now(clock), metrics, parameterHash);
        write();
    }

    private void write() throws IOException {
        ProvenanceFile.writeIn(runDirectory, provenance);
    }

    private static Instant now(Clock clock) {
        return Instant.ofEpochMilli(clock.wallTimeMillis());
    }
}
