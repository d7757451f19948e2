package dev.metronome.data;

import java.io.IOException;

/**
 * A configured dataset that can be loaded into memory: the uniform hook through which a training
 * task or the command line gets its train and evaluation examples.
 */
public interface DataSource {

    /** @return the dataset's name as configured, e.g. {@code fashion-mnist} */
    String name();

    /**
     * Reads (or generates) the whole dataset into memory.
     *
     * @return the train and evaluation splits with their provenance
     * @throws InvalidDataException if a file is missing or malformed
     * @throws IOException if a file cannot be read
     */
    DataSplits load() throws IOException;
}
