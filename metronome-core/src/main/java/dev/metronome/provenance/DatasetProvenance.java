package dev.metronome.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * What a data set was: where it came from, the exact files (by size and hash), its dimensions, its
 * licence and how shareable it is.
 *
 * @param name a short name, e.g. {@code fashion-mnist-train}
 * @param source a file or directory path, or {@code embedded:<resource>} for data shipped inside Metronome
 * @param files the files read, in the order read; may be empty for generated data
 * @param exampleCount number of examples; not negative
 * @param featureCount number of input features per example (e.g. 784 for 28×28 images); not negative
 * @param classCount number of classes for classification, or {@code null} when not a classification set
 * @param licence the data's licence, preferably as an SPDX identifier ({@code MIT}, {@code CC-BY-4.0});
 *     {@code NOASSERTION} when unknown
 * @param dataClass how shareable the data is, in Open Source AI Definition terms
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetProvenance(
        String name,
        String source,
        List<DataFile> files,
        long exampleCount,
        long featureCount,
        Integer classCount,
        String licence,
        DataClass dataClass) {

    /** The source prefix of data shipped inside Metronome as a class-path resource. */
    public static final String EMBEDDED_PREFIX = "embedded:";

    /**
     * Validates the fields and copies the file list.
     *
     * @throws IllegalArgumentException naming the field and value when one is out of range
     * @throws NullPointerException if {@code dataClass} is null
     */
    public DatasetProvenance {
        requireText(name, "name", name);
        requireText(source, "source", name);
        files = List.copyOf(files == null ? List.of() : files);
        if (exampleCount < 0) {
            throw new IllegalArgumentException("dataset " + name + ": example_count must not be negative: " + exampleCount);
        }
        if (featureCount < 0) {
            throw new IllegalArgumentException("dataset " + name + ": feature_count must not be negative: " + featureCount);
        }
        if (classCount != null && classCount < 1) {
            throw new IllegalArgumentException("dataset " + name + ": class_count must be at least 1 or absent: " + classCount);
        }
        requireText(licence, "licence", name);
        Objects.requireNonNull(dataClass, () -> "dataset " + name + ": data_class");
    }

    private static void requireText(String value, String field, String datasetName) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("dataset " + datasetName + ": " + field + " must not be blank");
        }
    }
}
