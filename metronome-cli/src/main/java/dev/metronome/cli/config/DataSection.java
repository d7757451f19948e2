package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.provenance.DataClass;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code data:} — which dataset to train on and how to prepare it.
 *
 * @param name {@code fashion-mnist-mini}, {@code fashion-mnist}, {@code csv} or {@code fraud-synthetic}
 * @param path fashion-mnist: folder of the four IDX files (null: the Debian package's folder);
 *     csv: the training file (required)
 * @param evalPath csv: a separate evaluation file, or null for a seeded split
 * @param label csv: the label column (required for csv)
 * @param features csv: feature columns; empty means every column but the label
 * @param evalFraction csv / fraud-synthetic: share held out for evaluation, in (0, 1)
 * @param standardize csv / fraud-synthetic: z-score fitted on the training split
 * @param normalize fashion-mnist*: mean/std normalisation on top of [0, 1] scaling
 * @param examples fraud-synthetic: number of transactions
 * @param licence csv: the licence of the user's data
 * @param dataClass csv: how shareable the data is
 * @param positiveLabel csv: the label value of the positive class of a two-class column (class 1
 *     for ROC-AUC, PR-AUC and the threshold table), or null for the encoding's order
 */
public record DataSection(String name, String path, String evalPath, String label, List<String> features,
        double evalFraction, boolean standardize, boolean normalize, int examples, String licence, DataClass dataClass,
        String positiveLabel) {

    /** Dataset names, in the order listed in messages. */
    public static final List<String> NAMES = List.of("fashion-mnist-mini", "fashion-mnist", "csv", "fraud-synthetic");

    /** The defaults of the schema. */
    public static final DataSection DEFAULT = new DataSection("fashion-mnist-mini", null, null, null, List.of(), 0.2,
            true, false, 50_000, "unknown", DataClass.UNSHAREABLE, null);

    private static final List<String> DATA_CLASSES = List.of("open", "public", "obtainable", "unshareable");

    /** Checks for nulls and copies the feature list. */
    public DataSection {
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(dataClass, "dataClass");
    }

    /**
     * Resolves relative file paths against a directory, so the recorded configuration still finds
     * the data when {@code evaluate}, {@code explain} or {@code --resume} run from elsewhere.
     *
     * @param workingDirectory the directory the paths were given in
     * @return this section with absolute {@code path} and {@code eval_path}
     */
    public DataSection withPathsResolved(Path workingDirectory) {
        return new DataSection(name, resolve(workingDirectory, path), resolve(workingDirectory, evalPath), label, features,
                evalFraction, standardize, normalize, examples, licence, dataClass, positiveLabel);
    }

    private static String resolve(Path workingDirectory, String given) {
        return given == null ? null : workingDirectory.resolve(given).toAbsolutePath().normalize().toString();
    }

    /** @return whether the dataset holds images (the Fashion-MNIST sets) */
    public boolean isImages() {
        return name.startsWith("fashion-mnist");
    }

    /** @return whether this is the CSV dataset */
    public boolean isCsv() {
        return name.equals("csv");
    }

    static DataSection read(ConfigReader r) {
        String name = r.choice("name", NAMES);
        String path = r.optionalText("path");
        String evalPath = r.optionalText("eval_path");
        String label = r.optionalText("label");
        String positiveLabel = r.optionalText("positive_label");
        List<String> features = r.textList("features");
        double evalFraction = r.number("eval_fraction", NumberRange.UNIT_OPEN);
        boolean standardize = r.bool("standardize");
        boolean normalize = r.bool("normalize");
        int examples = (int) r.integer("examples", 100, 100_000_000);
        String licence = r.text("licence", "a licence name such as MIT or CC-BY-4.0, or unknown");
        DataClass dataClass = DataClass.valueOf(r.choice("data_class", DATA_CLASSES).toUpperCase(Locale.ROOT));
        if (name.equals("csv") && path == null) {
            throw r.fail("path", "the csv dataset needs its training file; expected a path such as data/train.csv");
        }
        if (name.equals("csv") && label == null) {
            throw r.fail("label", "the csv dataset needs its label column; expected the name of a column of data.path");
        }
        Set<String> seen = new HashSet<>();
        for (String feature : features) {
            if (!seen.add(feature)) {
                throw r.fail("features", "names the column '" + feature + "' twice; expected each column once");
            }
            if (feature.equals(label)) {
                throw r.fail("features", "names the label column '" + label + "'; expected feature columns only");
            }
        }
        if (positiveLabel != null && !name.equals("csv")) {
            throw r.fail("positive_label", "applies to the csv dataset only (" + name + " names its own classes);"
                    + " expected null");
        }
        r.finish();
        return new DataSection(name, path, evalPath, label, features, evalFraction, standardize, normalize, examples,
                licence, dataClass, positiveLabel);
    }

    ObjectNode toTree() {
        ObjectNode node = ConfigTrees.object();
        node.put("name", name);
        node.set("path", ConfigTrees.nullable(path));
        node.set("eval_path", ConfigTrees.nullable(evalPath));
        node.set("label", ConfigTrees.nullable(label));
        node.set("positive_label", ConfigTrees.nullable(positiveLabel));
        node.set("features", ConfigTrees.texts(features));
        node.put("eval_fraction", evalFraction);
        node.put("standardize", standardize);
        node.put("normalize", normalize);
        node.put("examples", examples);
        node.put("licence", licence);
        node.put("data_class", dataClass.name().toLowerCase(Locale.ROOT));
        return node;
    }
}
