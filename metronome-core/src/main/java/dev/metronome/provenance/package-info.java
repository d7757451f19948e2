/**
 * What {@code run.json} records, as data: {@code RunProvenance} (status, environment, datasets,
 * build, resumes, final metrics), {@code ParameterHash} of the final parameters, {@code
 * BuildInfo}, and reading and writing the file.
 */
package dev.metronome.provenance;
