package dev.metronome.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TensorBufferPoolTest {

    private static TensorData tensorOver(byte[] bytes) {
        return TensorData.wrap(DType.U8, new long[] {bytes.length}, bytes);
    }

    @Nested
    class Take {

        @Test
        void withNothingPooled_allocatesAZeroedArrayOfTheLength() {
            TensorBufferPool pool = new TensorBufferPool(1024);

            byte[] bytes = pool.take(16);

            assertThat(bytes).hasSize(16).containsOnly(0);
            assertThat(pool.pooledBytes()).isZero();
        }

        @Test
        void reclaimedArray_isHandedOutAgain_forItsLengthOnly() {
            TensorBufferPool pool = new TensorBufferPool(1024);
            byte[] bytes = {1, 2, 3, 4};
            pool.reclaim(List.of(tensorOver(bytes)));

            byte[] otherLength = pool.take(8);
            byte[] sameLength = pool.take(4);

            assertThat(otherLength).isNotSameAs(bytes).hasSize(8);
            assertThat(sameLength).isSameAs(bytes);
            assertThat(pool.pooledBytes()).isZero();
            assertThat(pool.take(4)).isNotSameAs(bytes);
        }

        @Test
        void negativeLength_isRejected() {
            assertThatThrownBy(() -> new TensorBufferPool(8).take(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("byteLength must be >= 0, got -1");
        }
    }

    @Nested
    class Reclaim {

        @Test
        void beyondCapacity_keepsOnlyWhatFits() {
            TensorBufferPool pool = new TensorBufferPool(10);
            byte[] first = new byte[6];
            byte[] second = new byte[6];
            byte[] third = new byte[4];

            pool.reclaim(List.of(tensorOver(first), tensorOver(second), tensorOver(third)));

            assertThat(pool.pooledBytes()).isEqualTo(10);
            assertThat(pool.take(6)).isSameAs(first);
            assertThat(pool.take(6)).isNotSameAs(second);
            assertThat(pool.take(4)).isSameAs(third);
        }

        @Test
        void theSameArrayTwice_isPooledOnce_soItNeverHasTwoOwners() {
            TensorBufferPool pool = new TensorBufferPool(1024);
            TensorData tensor = tensorOver(new byte[8]);

            pool.reclaim(List.of(tensor, tensor));
            pool.reclaim(List.of(tensor));

            assertThat(pool.pooledBytes()).isEqualTo(8);
            byte[] handedOut = pool.take(8);
            assertThat(pool.take(8)).isNotSameAs(handedOut);
        }

        @Test
        void theNonePool_keepsNothing() {
            byte[] bytes = new byte[8];

            TensorBufferPool.NONE.reclaim(List.of(tensorOver(bytes)));

            assertThat(TensorBufferPool.NONE.pooledBytes()).isZero();
            assertThat(TensorBufferPool.NONE.take(8)).isNotSameAs(bytes);
        }

        @Test
        void negativeCapacity_isRejected() {
            assertThatThrownBy(() -> new TensorBufferPool(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("capacityBytes must be >= 0, got -1");
        }
    }
}
