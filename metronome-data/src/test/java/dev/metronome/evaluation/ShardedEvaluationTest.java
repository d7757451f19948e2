package dev.metronome.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.coordination.Collective;
import dev.metronome.coordination.InProcessCollective;
import dev.metronome.sampling.RankShard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Evaluation sharded over ranks on threads and reduced with {@link ClassificationAccumulator#allReduce}
 * gives the report of one accumulator over every example: exact counts, not averages of averages.
 */
class ShardedEvaluationTest {

    private static final int EXAMPLES = 1001;
    private static final int BATCH = 64;

    private record Data(float[] scores, int[] labels, double[] losses) {}

    private static Data data(int classes) {
        SplittableRandom random = new SplittableRandom(5);
        float[] scores = new float[EXAMPLES * classes];
        int[] labels = new int[EXAMPLES];
        double[] losses = new double[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            // uneven classes, so that per-rank averages would differ from the global one
            labels[i] = random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(classes - 1);
            for (int c = 0; c < classes; c++) {
                scores[i * classes + c] = (float) random.nextGaussian() + (c == labels[i] ? 0.8f : 0f);
            }
            losses[i] = random.nextDouble();
        }
        return new Data(scores, labels, losses);
    }

    /** Adds examples [from, to) batch by batch, each batch with its mean loss. */
    private static void add(ClassificationAccumulator accumulator, Data data, int classes, int from, int to) {
        for (int start = from; start < to; start += BATCH) {
            int count = Math.min(BATCH, to - start);
            float[] scores = java.util.Arrays.copyOfRange(data.scores(), start * classes, (start + count) * classes);
            int[] labels = java.util.Arrays.copyOfRange(data.labels(), start, start + count);
            double mean = 0;
            for (int i = start; i < start + count; i++) {
                mean += data.losses()[i];
            }
            accumulator.add(scores, labels, count, mean / count);
        }
    }

    @ParameterizedTest(name = "{0} classes over {1} ranks")
    @CsvSource({"2, 3", "10, 3", "2, 2", "10, 4"})
    void reducedShards_reportExactlyWhatOneAccumulatorOverAllExamplesReports(int classes, int ranks) throws Exception {
        Data data = data(classes);
        ClassificationAccumulator whole = new ClassificationAccumulator(classes, ScoreKind.LOGITS);
        add(whole, data, classes, 0, EXAMPLES);
        ClassificationReport expected = whole.result();

        InProcessCollective group = new InProcessCollective(ranks, Duration.ofSeconds(10));
        ExecutorService pool = Executors.newFixedThreadPool(ranks);
        List<ClassificationReport> reports = new ArrayList<>();
        try {
            List<Future<ClassificationReport>> futures = new ArrayList<>();
            for (int rank = 0; rank < ranks; rank++) {
                Collective collective = group.member(rank);
                RankShard shard = new RankShard(rank, ranks);
                futures.add(pool.submit(() -> {
                    ClassificationAccumulator part = new ClassificationAccumulator(classes, ScoreKind.LOGITS);
                    add(part, data, classes, shard.start(EXAMPLES), shard.end(EXAMPLES));
                    part.allReduce(collective);
                    return part.result();
                }));
            }
            for (Future<ClassificationReport> future : futures) {
                reports.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        for (ClassificationReport report : reports) {
            assertThat(report.confusion().counts()).isEqualTo(expected.confusion().counts());
            assertThat(report.loss()).isCloseTo(expected.loss(), within(1e-12));
            assertThat(report.binary().isPresent()).isEqualTo(classes == 2);
            report.binary().ifPresent(binary -> {
                assertThat(binary.rocAuc()).isEqualTo(expected.binary().orElseThrow().rocAuc());
                assertThat(binary.prAuc()).isEqualTo(expected.binary().orElseThrow().prAuc());
                assertThat(binary.thresholds()).isEqualTo(expected.binary().orElseThrow().thresholds());
            });
        }
    }
}
