package dev.metronome.cli.run;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a run's {@code report.html} from the files in its run directory. */
@FunctionalInterface
public interface ReportWriter {

    /**
     * (Re)generates the report.
     *
     * @param runDirectory the run directory
     * @return the report file written
     * @throws IOException if the run's files cannot be read or the report cannot be written
     */
    Path write(Path runDirectory) throws IOException;
}
