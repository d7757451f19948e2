package dev.metronome.data.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metronome.data.DataFile;
import dev.metronome.data.DataSplits;
import dev.metronome.data.InvalidDataException;
import dev.metronome.data.idx.IdxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    /** Writes a valid tiny set: 3 train images (labels 0, 9, 4) and 2 test images (labels 1, 2). */
    private void writeTinySet() throws IOException {
        byte[] trainPixels = new byte[3 * 784];
        trainPixels[0] = (byte) 255;
        trainPixels[1] = 51;
        IdxWriter.writeGzip(dir.resolve(FashionMnist.TRAIN_IMAGES), new int[] {3, 28, 28}, trainPixels);
        IdxWriter.writeGzip(dir.resolve(FashionMnist.TRAIN_LABELS), new int[] {3}, new byte[] {0, 9, 4});
        IdxWriter.writeGzip(dir.resolve(FashionMnist.TEST_IMAGES), new int[] {2, 28, 28}, new byte[2 * 784]);
        IdxWriter.writeGzip(dir.resolve(FashionMnist.TEST_LABELS), new int[] {2}, new byte[] {1, 2});
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Nested
    class FromDirectory {

        @Test
        void readsBothSplits_andScalesPixelsToUnitInterval() throws IOException {
            writeTinySet();
            DataSplits splits = FashionMnist.fromDirectory(dir).load();
            assertThat(splits.train().labels()).containsExactly(0, 9, 4);
            assertThat(splits.eval().labels()).containsExactly(1, 2);
            assertThat(splits.train().feature(0, 0)).isEqualTo(1f);
            assertThat(splits.train().feature(0, 1)).isEqualTo(0.2f);
            assertThat(splits.info().name()).isEqualTo("fashion-mnist");
            assertThat(splits.info().source()).isEqualTo(dir.toAbsolutePath().toString());
        }

        @Test
        void recordsEachFilesStoredSizeAndDigest() throws Exception {
            writeTinySet();
            DataSplits splits = FashionMnist.fromDirectory(dir).load();
            for (DataFile file : splits.info().files()) {
                Path stored = dir.resolve(file.name());
                assertThat(file.sizeBytes()).isEqualTo(Files.size(stored));
                assertThat(file.sha256()).isEqualTo(sha256(stored));
            }
            assertThat(splits.info().files()).hasSize(4);
        }
    }

    @Nested
    class Errors {

        @Test
        void missingFile_saysWhatTheFolderShouldHold() throws IOException {
            writeTinySet();
            Files.delete(dir.resolve(FashionMnist.TEST_LABELS));
            assertThatThrownBy(() -> FashionMnist.fromDirectory(dir).load())
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageStartingWith(dir.resolve(FashionMnist.TEST_LABELS) + ": not found; expected a folder"
                            + " holding the four Fashion-MNIST .gz files")
                    .hasMessageContaining("dataset-fashion-mnist");
        }

        @Test
        void missingFileInTheDefaultFolder_saysHowToInstallIt() {
            IdxFileSource source = new IdxFileSource.Directory(FashionMnist.DEFAULT_DIRECTORY);
            assertThatThrownBy(() -> source.open("no-such-file.gz"))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessage("/usr/share/datasets/fashion-mnist/no-such-file.gz: not found; install it with"
                            + " 'apt-get install dataset-fashion-mnist', or point the dataset's directory at a folder"
                            + " holding the four Fashion-MNIST .gz files");
        }

        @Test
        void fileThatIsNotGzip_isNamed() throws IOException {
            writeTinySet();
            Files.write(dir.resolve(FashionMnist.TRAIN_LABELS), IdxWriter.encode(new int[] {3}, new byte[3]));
            assertThatThrownBy(() -> FashionMnist.fromDirectory(dir).load())
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageStartingWith(dir.resolve(FashionMnist.TRAIN_LABELS) + ": not valid gzip data")
                    .hasMessageEndingWith("expected a gzip-compressed IDX file");
        }

        @Test
        void truncatedGzip_isReportedAsTruncated() throws IOException {
            writeTinySet();
            Path images = dir.resolve(FashionMnist.TRAIN_IMAGES);
            byte[] whole = Files.readAllBytes(images);
            Files.write(images, Arrays.copyOf(whole, whole.length / 2));
            assertThatThrownBy(() -> FashionMnist.fromDirectory(dir).load())
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageStartingWith(images + ": truncated");
        }

        @Test
        void labelCountDifferentFromImageCount_isReported() throws IOException {
            writeTinySet();
            IdxWriter.writeGzip(dir.resolve(FashionMnist.TRAIN_LABELS), new int[] {2}, new byte[] {0, 1});
            assertThatThrownBy(() -> FashionMnist.fromDirectory(dir).load())
                    .hasMessage(dir.resolve(FashionMnist.TRAIN_LABELS) + ": 2 labels for 3 images in "
                            + "train-images-idx3-ubyte.gz, expected the same count");
        }

        @Test
        void wrongImageSize_isReported() throws IOException {
            writeTinySet();
            IdxWriter.writeGzip(dir.resolve(FashionMnist.TEST_IMAGES), new int[] {2, 32, 32}, new byte[2 * 1024]);
            assertThatThrownBy(() -> FashionMnist.fromDirectory(dir).load())
                    .hasMessage(dir.resolve(FashionMnist.TEST_IMAGES) + ": images are 32x32, expected 28x28");
        }

        @Test
        void labelOutsideTheTenClasses_isReported() throws IOException {
            writeTinySet();
            IdxWriter.writeGzip(dir.resolve(FashionMnist.TEST_LABELS), new int[] {2}, new byte[] {1, 12});
            assertThatThrownBy(() -> FashionMnist.fromDirectory(dir).load())
                    .hasMessage(dir.resolve(FashionMnist.TEST_LABELS) + ": label 12 at index 1, expected 0..9");
        }

        @Test
        void imagesFileGivenAsLabels_failsOnTheMagicNumber() throws IOException {
            writeTinySet();
            Files.copy(dir.resolve(FashionMnist.TEST_IMAGES), dir.resolve(FashionMnist.TEST_LABELS),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> FashionMnist.fromDirectory(dir).load())
                    .hasMessageContaining("magic number 0x00000801 expected, got 0x00000803");
        }
    }

    @Test
    void fullSet_fromDebiansPackage_hasSixtyAndTenThousandImages() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY), "dataset-fashion-mnist is not installed");
        DataSplits full = FashionMnist.fromDefaultDirectory().load();
        assertThat(full.train().size()).isEqualTo(60_000);
        assertThat(full.eval().size()).isEqualTo(10_000);
        assertThat(full.train().classCounts()).containsOnly(6_000);
        assertThat(full.eval().classCounts()).containsOnly(1_000);
        assertThat(full.train().label(0)).isEqualTo(9);
        assertThat(full.info().files().get(0).sha256())
                .isEqualTo("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7");
        assertThat(full.info().files().get(0).sizeBytes()).isEqualTo(26_421_856L);
    }
}
