package dev.metronome.djl.provenance;

import dev.metronome.data.DataProvenance;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.run.RunDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describes a DJL run's inputs for {@code run.json}: seed, data, engine versions, device, threads. */
public final class RunDescriptions {

    /** The licence recorded when the data's licence is not known. */
    public static final String NO_ASSERTION = DataProvenance.NO_ASSERTION;

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
     * Describes loaded data (see {@link DataProvenance#datasets}).
     *
     * @param splits the data
     * @return the training split's entry, then the evaluation split's
     */
    public static List<DatasetProvenance> datasets(DataSplits splits) {
        return DataProvenance.datasets(splits);
    }

    /**
     * Where a file of a dataset can be found again (see {@link DataProvenance#locate}).
     *
     * @param source the dataset's source
     * @param fileName the recorded name
     * @return an absolute path, or {@code embedded:<folder>/<name>}
     */
    public static String locate(String source, String fileName) {
        return DataProvenance.locate(source, fileName);
    }
}
