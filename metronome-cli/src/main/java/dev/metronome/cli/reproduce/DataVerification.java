package dev.metronome.cli.reproduce;

import dev.metronome.cli.failure.CliException;
import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.FileHashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything is trained, that the data a run recorded is still the same bytes: every
 * recorded file (a path on disk, or an {@code embedded:} resource inside Metronome) is hashed again
 * and compared with its recorded size and SHA-256. Generated data has no files; it is regenerated
 * from its recorded parameters.
 */
final class DataVerification {

    private DataVerification() {}

    /**
     * Verifies every recorded file once.
     *
     * @param datasets the recorded data sets
     * @return one line per file verified or data set generated, for the console
     * @throws CliException (runtime) at the first file that is missing or whose content differs,
     *     naming it with the recorded and the actual SHA-256
     */
    static List<String> verify(List<DatasetProvenance> datasets) {
        Map<String, DataFile> files = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (DatasetProvenance data : datasets) {
            data.files().forEach(file -> files.putIfAbsent(file.path(), file));
            if (data.generated() && lines.stream().noneMatch(line -> line.contains(data.source()))) {
                lines.add("data " + data.source() + ": generated from its recorded parameters " + data.parameters().keySet()
                        + ", nothing to hash");
            }
        }
        for (DataFile file : files.values()) {
            String actual = sha256(file);
            if (!actual.equals(file.sha256())) {
                throw CliException.runtime("data file " + file.path() + ": SHA-256 mismatch (expected " + file.sha256()
                        + ", got " + actual + "); this is not the data the run trained on, so it cannot be reproduced");
            }
            lines.add("data " + file.path() + ": SHA-256 " + actual + " ok");
        }
        return lines;
    }

    private static String sha256(DataFile file) {
        String path = file.path();
        try {
            if (path.startsWith(DatasetProvenance.EMBEDDED_PREFIX)) {
                String resource = path.substring(DatasetProvenance.EMBEDDED_PREFIX.length());
                try (InputStream in = DataVerification.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw CliException.runtime("data file " + path + ": not found inside this Metronome (recorded SHA-256 "
                                + file.sha256() + "); it was built without the data the run trained on");
                    }
                    return FileHashes.sha256(in);
                }
            }
            Path onDisk = Path.of(path);
            if (!Files.isRegularFile(onDisk)) {
                throw CliException.runtime("data file " + path + ": not found (recorded SHA-256 " + file.sha256()
                        + "); put the data the run trained on back at that path");
            }
            return FileHashes.sha256(onDisk);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "data file " + path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
