package dev.metronome.cli.run;

import dev.metronome.djl.data.DataSplits;
import dev.metronome.djl.data.DatasetInfo;
import dev.metronome.djl.data.ExampleSet;
import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import java.util.List;

/** Describes loaded data for {@code run.json}: one entry for the training split, one for evaluation. */
public final class DatasetProvenances {

    private static final String NO_ASSERTION = "NOASSERTION";

    private DatasetProvenances() {}

    /**
     * Describes both splits.
     *
     * @param splits the loaded data
     * @return the training split's entry, then the evaluation split's; each lists every file read
     */
    public static List<DatasetProvenance> of(DataSplits splits) {
        return List.of(entry(splits.info(), splits.train(), "train"), entry(splits.info(), splits.eval(), "eval"));
    }

    private static DatasetProvenance entry(DatasetInfo info, ExampleSet examples, String split) {
        List<DataFile> files = info.files().stream()
                .map(file -> new DataFile(file.name(), file.sizeBytes(), file.sha256()))
                .toList();
        String licence = info.licence().isBlank() || info.licence().equalsIgnoreCase("unknown") ? NO_ASSERTION : info.licence();
        return new DatasetProvenance(info.name() + "-" + split, info.source(), files, examples.size(),
                examples.featuresPerExample(), examples.numClasses(), licence, info.dataClass());
    }
}
