package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TabularSplitsTest {

    @Test
    void split_isDisjoint_coversEveryRow_andIsSorted() {
        int[] labels = IntStream.range(0, 50).map(i -> i % 3).toArray();
        int[][] split = TabularSplits.fractionSplit(labels, 3, 0.3, 9L, true);
        int[] all = IntStream.concat(Arrays.stream(split[0]), Arrays.stream(split[1])).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 50).toArray());
        assertThat(split[0]).isSorted();
        assertThat(split[1]).isSorted();
    }

    @Test
    void stratified_keepsAtLeastOneOfEachClassOnBothSides() {
        int[] labels = new int[40];
        labels[3] = 1;
        labels[17] = 1; // a rare class: 2 rows, 0.1 of which rounds to 0
        int[][] split = TabularSplits.fractionSplit(labels, 2, 0.1, 1L, true);
        assertThat(Arrays.stream(split[1]).filter(row -> labels[row] == 1).count()).isEqualTo(1);
        assertThat(Arrays.stream(split[0]).filter(row -> labels[row] == 1).count()).isEqualTo(1);
    }

    @Test
    void unstratified_takesRoundedFractionOfAllRows() {
        int[][] split = TabularSplits.fractionSplit(new int[25], 2, 0.2, 1L, false);
        assertThat(split[1]).hasSize(5);
        assertThat(split[0]).hasSize(20);
    }

    @Test
    void badFractionOrEmptySide_isRejected() {
        assertThatThrownBy(() -> TabularSplits.fractionSplit(new int[10], 2, 0, 1L, true))
                .hasMessage("evalFraction must be strictly between 0 and 1, got 0.0");
        assertThatThrownBy(() -> TabularSplits.fractionSplit(new int[2], 2, 0.2, 1L, false))
                .hasMessage("the eval fraction (data.eval_fraction) 0.2 of 2 rows leaves an empty eval split");
    }
}
