package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code model:} — the network.
 *
 * @param name {@code mlp}, {@code cnn} or {@code linear}
 * @param hidden mlp hidden layer sizes, at least one
 * @param activation {@code relu}, {@code gelu} or {@code tanh}
 * @param dropout dropout probability in [0, 1)
 */
public record ModelSection(String name, List<Integer> hidden, String activation, double dropout, String path) {

    /** Model names. */
    public static final List<String> NAMES = List.of("mlp", "cnn", "linear", "torchscript");
    /** What {@code model.name} accepts: a model name, or {@code auto}. */
    public static final List<String> CHOICES = List.of("auto", "mlp", "cnn", "linear", "torchscript");
    /** The model read from a file instead of built in: {@code model.path} names it (torch engine only). */
    public static final String TORCHSCRIPT = "torchscript";
    /** The default name: {@code cnn} for image datasets, {@code mlp} for tabular ones (see {@link #resolve}). */
    public static final String AUTO = "auto";
    /** Activation names. */
    public static final List<String> ACTIVATIONS = List.of("relu", "gelu", "tanh");

    /** The defaults of the schema. */
    public static final ModelSection DEFAULT = new ModelSection(AUTO, List.of(128), "relu", 0.0, null);

    /** Checks for nulls and copies the list. */
    public ModelSection {
        Objects.requireNonNull(name, "name");
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "activation");
    }

    static ModelSection read(ConfigReader r) {
        String name = r.choice("name", CHOICES);
        List<Integer> hidden = r.integerList("hidden", 1, 1_000_000);
        if ((name.equals("mlp") || name.equals(AUTO)) && hidden.isEmpty()) {
            throw r.fail("hidden", "an mlp needs at least one hidden layer; expected a list like [128]");
        }
        String activation = r.choice("activation", ACTIVATIONS);
        double dropout = r.number("dropout", NumberRange.UNIT_HALF_OPEN);
        String path = r.optionalText("path");
        if (name.equals(TORCHSCRIPT) && path == null) {
            throw r.fail("path", "a torchscript model needs its file; expected the path of a .pt file written by"
                    + " torch.jit.script(...).save()");
        }
        if (!name.equals(TORCHSCRIPT) && path != null) {
            throw r.fail("path", "only model.name: torchscript reads a model file; remove model.path or set"
                    + " model.name: torchscript");
        }
        r.finish();
        return new ModelSection(name, hidden, activation, dropout, path);
    }

    /**
     * Resolves {@code auto} for a dataset: the convolutional network for images (the Fashion-MNIST
     * sets), the MLP for tabular data; a named model stays as it is.
     *
     * @param data the dataset section
     * @return this section with a model name other than {@code auto}
     */
    public ModelSection resolve(DataSection data) {
        if (!name.equals(AUTO)) {
            return this;
        }
        return new ModelSection(data.isImages() ? "cnn" : "mlp", hidden, activation, dropout, path);
    }

    /**
     * Resolves a relative {@code path} against a directory, so the recorded configuration still
     * finds the file from elsewhere.
     *
     * @param workingDirectory the directory the path was given in
     * @return this section with an absolute {@code path}
     */
    public ModelSection withPathResolved(Path workingDirectory) {
        return path == null ? this : new ModelSection(name, hidden, activation, dropout,
                workingDirectory.resolve(path).toAbsolutePath().normalize().toString());
    }

    ObjectNode toTree() {
        ObjectNode node = RecordedConfig.model(name, hidden, activation, dropout);
        if (path != null) {
            node.put("path", path);
        }
        return node;
    }
}
