package dev.metronome.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MemoryTrendTest {

    private static final long MIB = 1 << 20;
    private static final long SNAPSHOT = 12 * MIB;
    private static final long SAVE_EVERY = 5_000;

    /**
     * A fake process sampled every 1,000 steps over 60,000: resident memory settles in jumps of
     * 30-80 MiB during the first 8,000 steps and then wanders by up to 4 MiB; with {@code leakPerSave}
     * every save keeps that many bytes more, in the series the leak lives in.
     */
    private static List<MemorySample> samples(long leakPerSave, boolean leakInDirect) {
        SplittableRandom random = new SplittableRandom(7);
        List<MemorySample> samples = new ArrayList<>();
        for (long step = 500; step < 60_000; step += 1_000) {
            long settling = step < 8_000 ? random.nextLong(30 * MIB, 80 * MIB) : 0;
            long leaked = step / SAVE_EVERY * leakPerSave;
            long rss = 600 * MIB + settling + random.nextLong(0, 4 * MIB) + leaked;
            long heap = 45 * MIB + random.nextLong(0, MIB) + (leakInDirect ? 0 : leaked);
            long direct = MIB + (leakInDirect ? leaked : 0);
            samples.add(new MemorySample(step, step / 300.0, rss, heap, direct));
        }
        return samples;
    }

    @Test
    void aFlatProcess_withNoisyResidentMemory_isFlat() {
        MemoryTrend trend = MemoryTrend.of(samples(0, true), 12_000, SAVE_EVERY, SNAPSHOT);

        assertThat(trend.flat()).isTrue();
        assertThat(trend.describe()).contains("MET");
    }

    @Test
    void aProcessThatKeepsOneSnapshotPerSaveInDirectBuffers_fails() {
        MemoryTrend trend = MemoryTrend.of(samples(SNAPSHOT, true), 12_000, SAVE_EVERY, SNAPSHOT);

        assertThat(trend.flat()).isFalse();
        assertThat(trend.directPerSaveBytes()).isGreaterThan(trend.limitPerSaveBytes());
        assertThat(trend.describe()).contains("MISSED");
    }

    @Test
    void aProcessThatKeepsOneSnapshotPerSaveOnTheHeap_fails() {
        MemoryTrend trend = MemoryTrend.of(samples(SNAPSHOT, false), 12_000, SAVE_EVERY, SNAPSHOT);

        assertThat(trend.flat()).isFalse();
        assertThat(trend.heapPerSaveBytes()).isGreaterThan(trend.limitPerSaveBytes());
    }

    @Test
    void theFirstSavesOneTimePoolAllocation_isLeftOutByTheWarmUp_butALeakAfterItIsNot() {
        // 12 MiB of host arrays at the first save (step 5,000), reused by every later save
        List<MemorySample> pool = new ArrayList<>();
        List<MemorySample> poolAndLeak = new ArrayList<>();
        for (long step = 125; step < 20_000; step += 250) {
            long filled = step > 5_000 ? SNAPSHOT : 0;
            long leaked = step / SAVE_EVERY > 1 ? (step / SAVE_EVERY - 1) * SNAPSHOT : 0;
            pool.add(new MemorySample(step, step / 100.0, 300 * MIB + filled, 45 * MIB + filled, MIB));
            poolAndLeak.add(new MemorySample(step, step / 100.0, 300 * MIB + filled + leaked, 45 * MIB + filled, MIB));
        }
        long warmup = MemoryFlatness.warmupSteps(new MemoryFlatness.Settings(20_000, 250, 10, 2_000, SAVE_EVERY));

        assertThat(warmup).isGreaterThan(SAVE_EVERY);
        assertThat(MemoryTrend.of(pool, warmup, SAVE_EVERY, SNAPSHOT).flat()).isTrue();
        assertThat(MemoryTrend.of(poolAndLeak, warmup, SAVE_EVERY, SNAPSHOT).flat()).isFalse();
    }

    @Test
    void tooFewSamplesAfterTheWarmUp_isAnError() {
        assertThatThrownBy(() -> MemoryTrend.of(samples(0, true), 59_000, SAVE_EVERY, SNAPSHOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 samples after step 59000");
    }
}
