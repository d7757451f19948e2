package dev.metronome.djl.data;

import dev.metronome.data.ExampleSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NDListBatcherTest {

    /** Four 1x2x2 "images": example i has every pixel equal to i; labels 0, 1, 2, 0. */
    private static final ExampleSet IMAGES = new ExampleSet("train",
            new float[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}, new int[] {1, 2, 2}, new int[] {0, 1, 2, 0},
            List.of("a", "b", "c"), List.of());

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void batch_hasFloatFeaturesOfBatchByFeatureShape_andInt64Labels() {
        NDList batch = new NDListBatcher(IMAGES, 3).batch(manager, new int[] {2, 0, 3});
        NDArray features = batch.get(NDListBatcher.FEATURES_INDEX);
        NDArray labels = batch.get(NDListBatcher.LABELS_INDEX);
        assertThat(features.getShape()).isEqualTo(new Shape(3, 1, 2, 2));
        assertThat(features.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(features.getName()).isEqualTo("features");
        assertThat(features.toFloatArray()).containsExactly(2, 2, 2, 2, 0, 0, 0, 0, 3, 3, 3, 3);
        assertThat(labels.getShape()).isEqualTo(new Shape(3));
        assertThat(labels.getDataType()).isEqualTo(DataType.INT64);
        assertThat(labels.toLongArray()).containsExactly(2, 0, 0);
    }

    @Test
    void laterBatches_doNotOverwriteEarlierArrays_thoughTheHostBufferIsReused() {
        NDListBatcher batcher = new NDListBatcher(IMAGES, 2);
        NDList first = batcher.batch(manager, new int[] {1, 2});
        NDList second = batcher.batch(manager, new int[] {3});
        assertThat(first.get(0).toFloatArray()).containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
        assertThat(first.get(1).toLongArray()).containsExactly(1, 2);
        assertThat(second.get(0).getShape()).isEqualTo(new Shape(1, 1, 2, 2));
        assertThat(second.get(0).toFloatArray()).containsExactly(3, 3, 3, 3);
    }

    @Test
    void labels_feedDjlsSoftmaxCrossEntropy_directly() {
        NDList batch = new NDListBatcher(IMAGES, 4).batch(manager, new int[] {0, 1, 2, 3});
        // logits that put all weight on the true class give a loss near 0; uniform logits give ln 3
        NDArray uniform = manager.zeros(new Shape(4, 3));
        float loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(batch.get(1)), new NDList(uniform)).getFloat();
        assertThat((double) loss).isCloseTo(Math.log(3), org.assertj.core.api.Assertions.within(1e-5));
        NDArray confident = batch.get(1).oneHot(3).mul(50);
        float low = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(batch.get(1)), new NDList(confident)).getFloat();
        assertThat(low).isLessThan(1e-6f);
    }

    @Test
    void batchSizeOutsideOneToMax_isRejected() {
        NDListBatcher batcher = new NDListBatcher(IMAGES, 2);
        assertThatThrownBy(() -> batcher.batch(manager, new int[] {0, 1, 2}))
                .hasMessage("batch of 3 indices, expected 1..2");
        assertThatThrownBy(() -> batcher.batch(manager, new int[0])).hasMessage("batch of 0 indices, expected 1..2");
        assertThatThrownBy(() -> new NDListBatcher(IMAGES, 0)).hasMessageContaining("maxBatchSize must be >= 1");
    }
}
