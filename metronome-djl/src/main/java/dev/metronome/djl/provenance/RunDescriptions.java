package dev.metronome.djl.provenance;

import dev.metronome.data.DataSplits;
import dev.metronome.data.DatasetInfo;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.run.RunDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describes a DJL run's inputs for {@code run.json}: seed, data, engine versions, device, threads. */
public final class RunDescriptions {

    /** The licence recorded when the data's licence is not known. */
    public static final String NO_ASSERTION = "NOASSERTION";

    private RunDescriptions() {}

    /**
     * Describes a task and the engine it runs on.
     *
     * @param task the training task
     * @param engine the engine set up for it
     * @return seeds ({@code seed}), both data splits, {@code djl} and {@code pytorch} versions, the
     *     task's device and the thread counts ({@code intra_op}, {@code inter_op})
     */
    public static RunDescription of(DjlTrainingTask task, EngineInfo engine) {
        Map<String, String> engines = new LinkedHashMap<>();
        engines.put("djl", engine.djlVersion());
        engines.put("pytorch", engine.engineVersion());
        Map<String, Integer> threads = new LinkedHashMap<>();
        threads.put("intra_op", engine.intraOpThreads());
        threads.put("inter_op", engine.interOpThreads());
        return new RunDescription(Map.of("seed", task.seed()), datasets(task.data()), engines, task.device().toString(),
                threads);
    }

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
