package dev.metronome.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankShardTest {

    @ParameterizedTest(name = "{0} examples over {1} ranks")
    @CsvSource({"256, 2", "256, 4", "100, 3", "7, 3", "2, 4", "1, 1"})
    void slicesOfAllRanks_inRankOrder_areExactlyTheGlobalBatch(int batchSize, int worldSize) {
        EpochSampler sampler = new EpochSampler(1000, batchSize, 99, false);
        for (long index = 0; index < 3; index++) {
            int[] global = sampler.batch(4, index);
            int[] joined = IntStream.range(0, worldSize)
                    .mapToObj(rank -> new RankShard(rank, worldSize).slice(global))
                    .flatMapToInt(IntStream::of).toArray();
            assertThat(joined).containsExactly(global);
            int[] sizes = IntStream.range(0, worldSize).map(rank -> new RankShard(rank, worldSize).slice(global).length).toArray();
            assertThat(IntStream.of(sizes).max().getAsInt() - IntStream.of(sizes).min().getAsInt()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aBatchThatDivides_givesEveryRankTheSameShare() {
        int[] global = IntStream.range(0, 256).toArray();

        assertThat(new RankShard(1, 2).slice(global)).containsExactly(IntStream.range(128, 256).toArray());
        assertThat(new RankShard(0, 2).lossScale(256)).isEqualTo(1.0 / 256);
    }

    @Test
    void ranksOutsideTheWorld_areRefused() {
        assertThatThrownBy(() -> new RankShard(2, 2)).hasMessageContaining("rank must be in [0, 2), got 2");
        assertThatThrownBy(() -> new RankShard(0, 0)).hasMessageContaining("worldSize must be >= 1, got 0");
    }
}
