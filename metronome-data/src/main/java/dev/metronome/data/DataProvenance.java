package dev.metronome.data;

import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The provenance of loaded data, the same whichever engine trains on it: what {@code run.json}
 * records and {@code metronome reproduce} checks.
 */
public final class DataProvenance {

    /** The licence recorded when the data's licence is not known. */
    public static final String NO_ASSERTION = "NOASSERTION";

    private DataProvenance() {}

    /**
     * Describes loaded data: one entry per split, named {@code <dataset>-train} and
     * {@code <dataset>-eval}, each listing every file the dataset was read from where it can be
     * found again (so that {@code metronome reproduce} can hash it): an absolute path on disk, or
     * {@code embedded:<resource folder>/<file>} for data inside Metronome; and the options that
     * shaped the data.
     *
     * @param splits the data
     * @return the training split's entry, then the evaluation split's
     */
    public static List<DatasetProvenance> datasets(DataSplits splits) {
        return List.of(entry(splits.info(), splits.train(), "train"), entry(splits.info(), splits.eval(), "eval"));
    }

    /**
     * Where a file of a dataset can be found again.
     *
     * @param source the dataset's source: a directory, a file (the file names of its siblings are
     *     relative to its folder), {@code embedded:<folder>} or {@code generated:<name>}
     * @param fileName the recorded name: a bare name, or an absolute path
     * @return an absolute path, or {@code embedded:<folder>/<name>}
     */
    public static String locate(String source, String fileName) {
        if (source.startsWith(DatasetProvenance.EMBEDDED_PREFIX)) {
            return source + "/" + fileName;
        }
        Path name = Path.of(fileName);
        if (name.isAbsolute() || source.startsWith(DatasetProvenance.GENERATED_PREFIX)) {
            return fileName;
        }
        Path sourcePath = Path.of(source).toAbsolutePath();
        Path folder = Files.isDirectory(sourcePath) || sourcePath.getParent() == null ? sourcePath : sourcePath.getParent();
        return folder.resolve(name).normalize().toString();
    }

    private static DatasetProvenance entry(DatasetInfo info, ExampleSet examples, String split) {
        List<DataFile> files = info.files().stream()
                .map(file -> new DataFile(locate(info.source(), file.name()), file.sizeBytes(), file.sha256()))
                .toList();
        String licence = info.licence().isBlank() || info.licence().equalsIgnoreCase("unknown") ? NO_ASSERTION : info.licence();
        return new DatasetProvenance(info.name() + "-" + split, info.source(), files, examples.size(),
                examples.featuresPerExample(), examples.numClasses(), licence, info.dataClass(), info.parameters());
    }
}
