package dev.metronome.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to say what a run was and to repeat it: the Metronome build, the resolved
 * configuration, the seeds, the data, the environment, when it ran, how it ended, what it reached,
 * a fingerprint of the final parameters, and each resumption. Written to {@code run.json} by
 * {@link ProvenanceFile}, in snake_case.
 *
 * <p>A run starts as {@link #started}; the loop records resumptions with {@link #resumed} and the
 * end with {@link #ended}. Each returns a new object; this one is immutable.
 *
 * @param formatVersion the version of this record's JSON form; {@value #FORMAT_VERSION} for this Metronome
 * @param metronomeVersion the Metronome version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param gitCommit the commit Metronome was built from, or {@code null} when not recorded at build time
 * @param config the fully resolved configuration (defaults filled in), as JSON
 * @param seeds seed name to value, e.g. {@code init -> 42}, {@code data -> 7}
 * @param datasets the data sets used (training first)
 * @param environment the machine and software
 * @param startedAt when the run first started (wall time)
 * @param endedAt when the run ended, or {@code null} while it runs
 * @param status where the run stands
 * @param finalStep the last completed optimizer step (1-based) when the run ended, or {@code null}
 *     while it runs or when it failed; the number of steps that determines the final parameters
 * @param finalMetrics metric name to value at the end (e.g. {@code eval_accuracy}); empty while it runs
 * @param finalParameterHash {@link ParameterHash} of the final parameters, or {@code null} while it runs
 * @param resumedFrom each resumption, oldest first
 * @param lastSavedStep the step of the newest checkpoint on disk when the run ended, or {@code null}
 *     while it runs, when it has none, or in records written before this field existed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunProvenance(
        int formatVersion,
        String metronomeVersion,
        String gitCommit,
        JsonNode config,
        Map<String, Long> seeds,
        List<DatasetProvenance> datasets,
        EnvironmentProvenance environment,
        Instant startedAt,
        Instant endedAt,
        RunStatus status,
        Long finalStep,
        Map<String, Double> finalMetrics,
        String finalParameterHash,
        List<ResumeRecord> resumedFrom,
        Long lastSavedStep) {

    /** The {@code format_version} this Metronome writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Validates the fields and copies the collections, keeping map order.
     *
     * @throws IllegalArgumentException if {@code formatVersion} is not {@value #FORMAT_VERSION}, or
     *     {@code metronomeVersion} is blank
     * @throws NullPointerException if {@code config}, {@code environment}, {@code startedAt} or
     *     {@code status} is null
     */
    public RunProvenance {
        if (formatVersion == 0) {
            throw new IllegalArgumentException("format_version is missing; expected " + FORMAT_VERSION);
        }
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version " + formatVersion + " is not supported; this Metronome reads "
                    + FORMAT_VERSION);
        }
        if (metronomeVersion == null || metronomeVersion.isBlank()) {
            throw new IllegalArgumentException("metronome_version must not be blank");
        }
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(startedAt, "started_at");
        Objects.requireNonNull(status, "status");
        if (finalStep != null && finalStep < 0) {
            throw new IllegalArgumentException("final_step must not be negative: " + finalStep);
        }
        seeds = orderedCopy(seeds);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        finalMetrics = orderedCopy(finalMetrics);
        resumedFrom = resumedFrom == null ? List.of() : List.copyOf(resumedFrom);
    }

    /**
     * Describes a run that is starting.
     *
     * @param build the Metronome build
     * @param config the resolved configuration
     * @param seeds seed name to value
     * @param datasets the data sets
     * @param environment the machine and software
     * @param startedAt when the run started
     * @return a record with status {@code running} and no end, final metrics or parameter hash
     */
    public static RunProvenance started(BuildInfo build, JsonNode config, Map<String, Long> seeds,
            List<DatasetProvenance> datasets, EnvironmentProvenance environment, Instant startedAt) {
        return new RunProvenance(FORMAT_VERSION, build.version(), build.gitCommit().orElse(null), config, seeds, datasets,
                environment, startedAt, null, RunStatus.RUNNING, null, Map.of(), null, List.of(), null);
    }

    /**
     * Records a resumption: adds it to {@code resumed_from} and marks the run running again.
     *
     * @param point the checkpoint and time
     * @return the new record, with no end
     */
    public RunProvenance resumed(ResumeRecord point) {
        List<ResumeRecord> points = new ArrayList<>(resumedFrom);
        points.add(Objects.requireNonNull(point, "point"));
        return new RunProvenance(formatVersion, metronomeVersion, gitCommit, config, seeds, datasets, environment, startedAt,
                null, RunStatus.RUNNING, finalStep, finalMetrics, finalParameterHash, points, lastSavedStep);
    }

    /**
     * Records the end of a run whose last step is not known (a failed run).
     *
     * @param endStatus completed, stopped or failed
     * @param endedAt when it ended
     * @param metrics final metric values
     * @param parameterHash {@link ParameterHash} of the final parameters, or {@code null} if unavailable
     * @return the new record, with no {@code final_step}
     * @throws IllegalArgumentException if {@code endStatus} is {@code running}
     */
    public RunProvenance ended(RunStatus endStatus, Instant endedAt, Map<String, Double> metrics, String parameterHash) {
        return end(endStatus, endedAt, null, metrics, parameterHash);
    }

    /**
     * Records the end of the run.
     *
     * @param endStatus completed, stopped or failed
     * @param endedAt when it ended
     * @param lastStep the last completed optimizer step, at least 0
     * @param metrics final metric values
     * @param parameterHash {@link ParameterHash} of the final parameters, or {@code null} if unavailable
     * @return the new record
     * @throws IllegalArgumentException if {@code endStatus} is {@code running} or {@code lastStep} negative
     */
    public RunProvenance ended(RunStatus endStatus, Instant endedAt, long lastStep, Map<String, Double> metrics,
            String parameterHash) {
        return end(endStatus, endedAt, lastStep, metrics, parameterHash);
    }

    private RunProvenance end(RunStatus endStatus, Instant endedAt, Long lastStep, Map<String, Double> metrics,
            String parameterHash) {
        if (endStatus == RunStatus.RUNNING) {
            throw new IllegalArgumentException("an ended run needs status completed, stopped or failed, not running");
        }
        return new RunProvenance(formatVersion, metronomeVersion, gitCommit, config, seeds, datasets, environment, startedAt,
                Objects.requireNonNull(endedAt, "endedAt"), endStatus, lastStep, metrics, parameterHash, resumedFrom,
                lastSavedStep);
    }

    /**
     * Records which checkpoint is the newest on disk.
     *
     * @param step its step, or null when the run has none
     * @return the new record
     */
    public RunProvenance withLastSavedStep(Long step) {
        return new RunProvenance(formatVersion, metronomeVersion, gitCommit, config, seeds, datasets, environment, startedAt,
                endedAt, status, finalStep, finalMetrics, finalParameterHash, resumedFrom, step);
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
