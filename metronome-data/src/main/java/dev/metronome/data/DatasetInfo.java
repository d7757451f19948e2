package dev.metronome.data;

import dev.metronome.provenance.DataClass;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a dataset is and where it came from, for provenance: enough for a reader of a run to know
 * which bytes were trained on, under which licence, and whether they could obtain them.
 *
 * @param name dataset name as configured, e.g. {@code fashion-mnist-mini}
 * @param source where it was read from: a directory or file path, {@code embedded:<resource>} for
 *     data inside the jar, or {@code generated:<generator>} for synthetic data
 * @param files every file read, with size and SHA-256, in reading order (empty for generated data)
 * @param licence licence of the data (SPDX identifier where one exists, e.g. {@code MIT}), or
 *     {@code unknown} when the user did not say
 * @param dataClass how freely the data may be shared
 * @param parameters the options that shaped the data (seed, split fraction, normalisation), in a
 *     stable order, as strings
 */
public record DatasetInfo(
        String name,
        String source,
        List<DataFile> files,
        String licence,
        DataClass dataClass,
        Map<String, String> parameters) {

    /** Copies the collections, keeping their order. */
    public DatasetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(dataClass, "dataClass");
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
    }
}
