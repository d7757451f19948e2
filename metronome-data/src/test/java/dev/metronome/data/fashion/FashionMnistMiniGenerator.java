package dev.metronome.data.fashion;

import dev.metronome.data.idx.IdxArray;
import dev.metronome.data.idx.IdxReader;
import dev.metronome.data.idx.IdxWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Makes the embedded {@code fashion-mnist-mini} subset from the full Fashion-MNIST files: the first
 * {@value #TRAIN_PER_CLASS} training images of each class and the first {@value #TEST_PER_CLASS}
 * test images of each class, kept in file order, written as gzip-compressed IDX files.
 *
 * <p>Lives with the tests because it needs the full files (Debian's {@code dataset-fashion-mnist}),
 * which the product does not. Run from {@code metronome-djl} after {@code mvn test-compile}:
 * <pre>
 * java -cp target/classes:target/test-classes dev.metronome.data.fashion.FashionMnistMiniGenerator \
 *     /usr/share/datasets/fashion-mnist src/main/resources/dev/metronome/data/fashion-mnist-mini
 * </pre>
 */
public final class FashionMnistMiniGenerator {

    /** Training images kept per class. */
    public static final int TRAIN_PER_CLASS = 900;
    /** Test images kept per class. */
    public static final int TEST_PER_CLASS = 200;

    private FashionMnistMiniGenerator() {
    }

    /**
     * @param args source directory and target directory
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: FashionMnistMiniGenerator <full-set directory> <target directory>");
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Files.createDirectories(target);
        write(source, target, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, TRAIN_PER_CLASS);
        write(source, target, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, TEST_PER_CLASS);
    }

    private static void write(Path source, Path target, String imagesFile, String labelsFile, int perClass)
            throws IOException {
        Subset subset = select(read(source.resolve(imagesFile), 3), read(source.resolve(labelsFile), 1), perClass);
        Files.write(target.resolve(imagesFile), IdxWriter.gzip(subset.imagesIdx()));
        Files.write(target.resolve(labelsFile), IdxWriter.gzip(subset.labelsIdx()));
        System.out.printf("%s: %d images, %d bytes compressed%n", imagesFile, subset.count(),
                Files.size(target.resolve(imagesFile)));
    }

    /** The uncompressed IDX bytes of a subset. */
    record Subset(int count, byte[] imagesIdx, byte[] labelsIdx) {
    }

    /**
     * Keeps the first {@code perClass} examples of each class, in file order.
     *
     * @throws IllegalStateException if a class has fewer than {@code perClass} examples
     */
    static Subset select(IdxArray images, IdxArray labels, int perClass) {
        int classes = FashionMnist.CLASS_NAMES.size();
        int pixels = images.dimension(1) * images.dimension(2);
        int count = classes * perClass;
        byte[] keptImages = new byte[count * pixels];
        byte[] keptLabels = new byte[count];
        int[] taken = new int[classes];
        int kept = 0;
        for (int i = 0; i < labels.length() && kept < count; i++) {
            int label = labels.unsignedValue(i);
            if (taken[label] < perClass) {
                taken[label]++;
                keptLabels[kept] = (byte) label;
                for (int p = 0; p < pixels; p++) {
                    keptImages[kept * pixels + p] = (byte) images.unsignedValue(i * pixels + p);
                }
                kept++;
            }
        }
        if (kept != count) {
            throw new IllegalStateException("only " + kept + " of " + count + " examples found; a class is short");
        }
        int side = images.dimension(1);
        return new Subset(count, IdxWriter.encode(new int[] {count, side, side}, keptImages),
                IdxWriter.encode(new int[] {count}, keptLabels));
    }

    static IdxArray read(Path file, int dimensions) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return IdxReader.read(in, file.toString(), dimensions);
        }
    }
}
