package dev.metronome.data.fashion;

import dev.metronome.provenance.DataClass;
import dev.metronome.data.DataFile;
import dev.metronome.data.DataSource;
import dev.metronome.data.DataSplits;
import dev.metronome.data.DatasetInfo;
import dev.metronome.data.ExampleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando SE, MIT licence): 28x28 grey images of clothing in 10 classes.
 *
 * <ul>
 *   <li>{@link #fromDirectory(Path)}: the full set (60,000 train / 10,000 test) read from the four
 *       gzip-compressed IDX files in a directory, by default {@link #DEFAULT_DIRECTORY} where Debian's
 *       {@code dataset-fashion-mnist} package installs them. Name {@value #NAME}.</li>
 *   <li>{@link #mini()}: a class-balanced subset embedded in the jar, the default dataset, needing
 *       nothing installed. Name {@value #MINI_NAME}.</li>
 * </ul>
 *
 * <p>Each example has feature shape {@code [1, 28, 28]} (channel, row, column). A pixel byte
 * {@code p} in 0..255 becomes {@code p / 255} in [0, 1]; with {@link #withNormalization(boolean)
 * normalisation} it then becomes {@code (p / 255 - PIXEL_MEAN) / PIXEL_STD}, the statistics of the
 * full training set. Instances are immutable.
 */
public final class FashionMnist implements DataSource {

    /** Name of the full dataset. */
    public static final String NAME = "fashion-mnist";
    /** Name of the embedded subset. */
    public static final String MINI_NAME = "fashion-mnist-mini";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** Classpath folder of the embedded subset. */
    public static final String MINI_RESOURCE_FOLDER = "dev/metronome/data/fashion-mnist-mini";
    /** Training images file name. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** Training labels file name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** Test images file name (the evaluation split). */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** Test labels file name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** Images are square, this many pixels a side. */
    public static final int IMAGE_SIDE = 28;
    /** Class names, indexed by label, as published by Zalando. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Mean of {@code p / 255} over all pixels of the full 60,000-image training set. */
    public static final double PIXEL_MEAN = 0.2860;
    /** Population standard deviation of {@code p / 255} over the full training set. */
    public static final double PIXEL_STD = 0.3530;
    /** Licence of the data (SPDX identifier). */
    public static final String LICENCE = "MIT";

    private final String name;
    private final IdxFileSource source;
    private final boolean normalize;

    private FashionMnist(String name, IdxFileSource source, boolean normalize) {
        this.name = name;
        this.source = source;
        this.normalize = normalize;
    }

    /**
     * The full dataset from Debian's default location, {@link #DEFAULT_DIRECTORY}.
     *
     * @return the source; nothing is read until {@link #load()}
     */
    public static FashionMnist fromDefaultDirectory() {
        return fromDirectory(DEFAULT_DIRECTORY);
    }

    /**
     * The full dataset from a directory holding {@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS},
     * {@value #TEST_IMAGES} and {@value #TEST_LABELS}.
     *
     * @param directory the folder
     * @return the source; nothing is read until {@link #load()}
     */
    public static FashionMnist fromDirectory(Path directory) {
        return new FashionMnist(NAME, new IdxFileSource.Directory(Objects.requireNonNull(directory, "directory")), false);
    }

    /**
     * The class-balanced subset embedded in the jar (see the README next to its files).
     *
     * @return the source; nothing is read until {@link #load()}
     */
    public static FashionMnist mini() {
        return new FashionMnist(MINI_NAME, new IdxFileSource.Classpath(MINI_RESOURCE_FOLDER), false);
    }

    /**
     * @param normalizePixels {@code true} to shift and scale pixels by {@link #PIXEL_MEAN} and
     *     {@link #PIXEL_STD}; {@code false} (the default) to keep them in [0, 1]
     * @return a copy of this source with that setting
     */
    public FashionMnist withNormalization(boolean normalizePixels) {
        return new FashionMnist(name, source, normalizePixels);
    }

    /** @return whether pixels are normalised */
    public boolean normalized() {
        return normalize;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Reads both splits: the files' training part becomes {@code train}, the {@code t10k} part
     * becomes {@code eval}.
     *
     * @return the splits; no standardisation statistics are attached (pixel scaling is fixed)
     * @throws dev.metronome.data.InvalidDataException if a file is missing (with how to install
     *     it), not gzip, not IDX, truncated, or disagrees with its partner file
     * @throws IOException if a file cannot be read
     */
    @Override
    public DataSplits load() throws IOException {
        FashionMnistReader reader = new FashionMnistReader(source, pixelValues(normalize));
        List<DataFile> files = new ArrayList<>(4);
        ExampleSet train = reader.read("train", TRAIN_IMAGES, TRAIN_LABELS, files);
        ExampleSet eval = reader.read("eval", TEST_IMAGES, TEST_LABELS, files);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("pixel_scale", "p/255");
        parameters.put("normalize", Boolean.toString(normalize));
        if (normalize) {
            parameters.put("pixel_mean", Double.toString(PIXEL_MEAN));
            parameters.put("pixel_std", Double.toString(PIXEL_STD));
        }
        DatasetInfo info = new DatasetInfo(name, source.location(), files, LICENCE, DataClass.OPEN, parameters);
        return new DataSplits(info, train, eval, Optional.empty());
    }

    private static float[] pixelValues(boolean normalize) {
        float[] values = new float[256];
        for (int pixel = 0; pixel < values.length; pixel++) {
            double scaled = pixel / 255.0;
            values[pixel] = (float) (normalize ? (scaled - PIXEL_MEAN) / PIXEL_STD : scaled);
        }
        return values;
    }

    @Override
    public String toString() {
        return name + " from " + source.location() + (normalize ? " (normalised)" : "");
    }
}
