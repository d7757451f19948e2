package dev.metronome.data.fashion;

import dev.metronome.data.DataFile;
import dev.metronome.data.DataFiles;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.InvalidDataException;
import dev.metronome.data.idx.IdxArray;
import dev.metronome.data.idx.IdxReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads one images/labels pair of gzip-compressed IDX files into an {@link ExampleSet}. */
final class FashionMnistReader {

    private final IdxFileSource source;
    private final float[] pixelValues;

    /**
     * @param source where the files are
     * @param pixelValues the feature value of each pixel byte 0..255 (256 entries)
     */
    FashionMnistReader(IdxFileSource source, float[] pixelValues) {
        this.source = source;
        this.pixelValues = pixelValues.clone();
    }

    /**
     * Reads a split, appending the two files' descriptions to {@code files}.
     *
     * @throws InvalidDataException if either file is missing or malformed, or they disagree
     */
    ExampleSet read(String splitName, String imagesFile, String labelsFile, List<DataFile> files) throws IOException {
        IdxArray images = readIdx(imagesFile, 3, files);
        IdxArray labels = readIdx(labelsFile, 1, files);
        int count = images.dimension(0);
        if (images.dimension(1) != FashionMnist.IMAGE_SIDE || images.dimension(2) != FashionMnist.IMAGE_SIDE) {
            throw new InvalidDataException(source.describe(imagesFile) + ": images are " + images.dimension(1) + "x"
                    + images.dimension(2) + ", expected " + FashionMnist.IMAGE_SIDE + "x" + FashionMnist.IMAGE_SIDE);
        }
        if (labels.dimension(0) != count) {
            throw new InvalidDataException(source.describe(labelsFile) + ": " + labels.dimension(0) + " labels for "
                    + count + " images in " + imagesFile + ", expected the same count");
        }
        int classes = FashionMnist.CLASS_NAMES.size();
        int[] labelValues = new int[count];
        for (int i = 0; i < count; i++) {
            labelValues[i] = labels.unsignedValue(i);
            if (labelValues[i] >= classes) {
                throw new InvalidDataException(source.describe(labelsFile) + ": label " + labelValues[i] + " at index "
                        + i + ", expected 0.." + (classes - 1));
            }
        }
        int[] shape = {1, FashionMnist.IMAGE_SIDE, FashionMnist.IMAGE_SIDE};
        return ExampleSet.filled(splitName, shape, labelValues, FashionMnist.CLASS_NAMES, List.of(), features -> {
            for (int i = 0; i < features.length; i++) {
                features[i] = pixelValues[images.unsignedValue(i)];
            }
        });
    }

    private IdxArray readIdx(String fileName, int dimensions, List<DataFile> files) throws IOException {
        String described = source.describe(fileName);
        MessageDigest digest = DataFiles.sha256();
        try (InputStream raw = source.open(fileName);
                CountingStream counted = new CountingStream(new DigestInputStream(raw, digest))) {
            IdxArray array;
            try (GZIPInputStream unzipped = new GZIPInputStream(new NonClosing(counted), 1 << 16)) {
                array = IdxReader.read(unzipped, described, dimensions);
            } catch (ZipException e) {
                throw new InvalidDataException(described + ": not valid gzip data (" + e.getMessage()
                        + "), expected a gzip-compressed IDX file", e);
            }
            counted.transferTo(OutputStream.nullOutputStream());
            files.add(DataFiles.describe(fileName, counted.count, digest));
            return array;
        }
    }

    /** Counts the stored bytes that pass through, for the provenance record. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count++;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long length) throws IOException {
            // Skipped bytes must still be digested and counted, so read them instead.
            if (length <= 0) {
                return 0;
            }
            byte[] discarded = new byte[(int) Math.min(length, 8192)];
            return Math.max(read(discarded, 0, discarded.length), 0);
        }
    }

    /** Lets the gzip stream be closed without closing the stream under it, which is drained afterwards. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the raw stream is closed by its own try-with-resources
        }
    }
}
