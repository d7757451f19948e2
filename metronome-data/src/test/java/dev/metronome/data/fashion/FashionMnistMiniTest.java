package dev.metronome.data.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metronome.provenance.DataClass;
import dev.metronome.data.DataFile;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FashionMnistMiniTest {

    private static DataSplits mini;

    @BeforeAll
    static void load() throws IOException {
        mini = FashionMnist.mini().load();
    }

    @Nested
    class Contents {

        @Test
        void hasNineThousandTrainAndTwoThousandEvalImages_balancedOverTenClasses() {
            assertThat(mini.train().size()).isEqualTo(9000);
            assertThat(mini.eval().size()).isEqualTo(2000);
            assertThat(mini.train().classCounts()).containsOnly(900);
            assertThat(mini.eval().classCounts()).containsOnly(200);
        }

        @Test
        void examplesAreOneChannel28x28_withPixelsScaledToUnitInterval() {
            ExampleSet train = mini.train();
            assertThat(train.featureShape()).containsExactly(1, 28, 28);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float value : train.features()) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            assertThat(min).isEqualTo(0f);
            assertThat(max).isEqualTo(1f);
        }

        @Test
        void keepsFileOrder_soTheFirstImageIsTheFullSetsFirst_anAnkleBoot() {
            assertThat(mini.train().label(0)).isEqualTo(9);
            assertThat(mini.train().classNames().get(9)).isEqualTo("Ankle boot");
            assertThat(mini.train().classNames()).hasSize(10).startsWith("T-shirt/top", "Trouser");
        }

        @Test
        void normalisation_shiftsAndScalesByTheFullSetStatistics() throws IOException {
            DataSplits normalised = FashionMnist.mini().withNormalization(true).load();
            float expectedZero = (float) ((0 - FashionMnist.PIXEL_MEAN) / FashionMnist.PIXEL_STD);
            assertThat(normalised.train().feature(0, 0)).isEqualTo(expectedZero);
            assertThat(normalised.info().parameters()).containsEntry("normalize", "true")
                    .containsEntry("pixel_mean", "0.286");
        }
    }

    @Nested
    class Provenance {

        @Test
        void info_namesTheEmbeddedSource_licenceAndDataClass() {
            assertThat(mini.info().name()).isEqualTo("fashion-mnist-mini");
            assertThat(mini.info().source()).isEqualTo("embedded:dev/metronome/data/fashion-mnist-mini");
            assertThat(mini.info().licence()).isEqualTo("MIT");
            assertThat(mini.info().dataClass()).isEqualTo(DataClass.OPEN);
            assertThat(mini.info().files()).extracting(DataFile::name).containsExactly(
                    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        }

        @Test
        void fileSizesAndDigests_areTheOnesTheReadmePublishes_withinTheFiveMegabyteBudget() throws IOException {
            String readme;
            try (InputStream in = resource("README.md")) {
                readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long total = 0;
            for (DataFile file : mini.info().files()) {
                assertThat(readme).contains("`" + file.sha256() + "`");
                assertThat(readme).contains(String.format(java.util.Locale.ROOT, "%,d", file.sizeBytes()));
                total += file.sizeBytes();
            }
            assertThat(total).isEqualTo(4_801_203L).isLessThanOrEqualTo(5_000_000L);
            assertThat(mini.info().files().get(0).sha256())
                    .isEqualTo("9e428dbadfb72f9c44f3371f1b6b000fb3122a83fea006be70f476ca9d19f740");
        }

        @Test
        void licenceText_travelsWithTheFiles() throws IOException {
            try (InputStream in = resource("LICENSE")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("The MIT License (MIT) Copyright © 2017 Zalando SE");
            }
        }
    }

    @Test
    void embeddedFiles_areExactlyWhatTheGeneratorMakes_fromTheFullSet() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY), "dataset-fashion-mnist is not installed");
        var dir = FashionMnist.DEFAULT_DIRECTORY;
        FashionMnistMiniGenerator.Subset train = FashionMnistMiniGenerator.select(
                FashionMnistMiniGenerator.read(dir.resolve(FashionMnist.TRAIN_IMAGES), 3),
                FashionMnistMiniGenerator.read(dir.resolve(FashionMnist.TRAIN_LABELS), 1),
                FashionMnistMiniGenerator.TRAIN_PER_CLASS);
        FashionMnistMiniGenerator.Subset test = FashionMnistMiniGenerator.select(
                FashionMnistMiniGenerator.read(dir.resolve(FashionMnist.TEST_IMAGES), 3),
                FashionMnistMiniGenerator.read(dir.resolve(FashionMnist.TEST_LABELS), 1),
                FashionMnistMiniGenerator.TEST_PER_CLASS);
        assertThat(gunzipResource(FashionMnist.TRAIN_IMAGES)).isEqualTo(train.imagesIdx());
        assertThat(gunzipResource(FashionMnist.TRAIN_LABELS)).isEqualTo(train.labelsIdx());
        assertThat(gunzipResource(FashionMnist.TEST_IMAGES)).isEqualTo(test.imagesIdx());
        assertThat(gunzipResource(FashionMnist.TEST_LABELS)).isEqualTo(test.labelsIdx());
    }

    private static InputStream resource(String name) {
        InputStream in = FashionMnistMiniTest.class.getClassLoader()
                .getResourceAsStream(FashionMnist.MINI_RESOURCE_FOLDER + "/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    private static byte[] gunzipResource(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(resource(name))) {
            return in.readAllBytes();
        }
    }
}
