package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.coordination.InProcessCollective;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metronome train} as the workers of a group, in-process: each rank a thread with its own
 * environment (c10d's variables) and clock, their fake tasks joined through an in-process
 * collective. Rank 0 owns the run directory; the others write nothing.
 */
class GroupTrainingTest {

    private static final int RANKS = 2;

    @TempDir
    Path dir;

    private List<CliHarness.Result> trainAll(String... args) throws Exception {
        InProcessCollective group = new InProcessCollective(RANKS, Duration.ofSeconds(30));
        List<CliHarness> harnesses = new ArrayList<>();
        for (int rank = 0; rank < RANKS; rank++) {
            CliHarness cli = new CliHarness(dir);
            cli.clock.add(Duration.ofSeconds(7L * rank)); // skewed clocks
            cli.factory.group = group;
            cli.environment = Map.of("WORLD_SIZE", Integer.toString(RANKS), "RANK", Integer.toString(rank),
                    "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "29500");
            harnesses.add(cli);
        }
        ExecutorService pool = Executors.newFixedThreadPool(RANKS);
        try {
            List<Future<CliHarness.Result>> futures = new ArrayList<>();
            for (CliHarness cli : harnesses) {
                futures.add(pool.submit(() -> cli.run(args)));
            }
            List<CliHarness.Result> results = new ArrayList<>();
            for (Future<CliHarness.Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rankZeroWritesTheRun_theOtherRankTrainsTheSameStepsAndWritesNothing() throws Exception {
        List<CliHarness.Result> results = trainAll("train", "--output-dir", "run", "--max-steps", "30", "--batch-size", "64");

        assertThat(results).allSatisfy(result -> assertThat(result.exitCode()).as(result.err()).isZero());
        assertThat(results.get(1).out()).contains("rank 1 of 2: training").contains("rank 1 done");
        RunProvenance record = ProvenanceFile.readIn(dir.resolve("run"));
        assertThat(record.finalStep()).isEqualTo(30);
        assertThat(record.environment().distributed().worldSize()).isEqualTo(2);
        assertThat(record.environment().distributed().backend()).isEqualTo("threads");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactly("run");
        }
    }

    @Test
    void aResumedGroupContinuesFromRankZerosCheckpoint_onEveryRank() throws Exception {
        trainAll("train", "--output-dir", "run", "--max-steps", "20", "--batch-size", "64", "--save-every", "10 steps");

        List<CliHarness.Result> results = trainAll("train", "--resume", "latest", "--output-dir", "run", "--max-steps", "40",
                "--batch-size", "64", "--save-every", "10 steps");

        assertThat(results).allSatisfy(result -> assertThat(result.exitCode()).as(result.err()).isZero());
        assertThat(results.get(1).out()).contains("rank 1 of 2: continuing");
        assertThat(ProvenanceFile.readIn(dir.resolve("run")).finalStep()).isEqualTo(40);
    }

    @Test
    void aOneProcessRunContinuedByTwoRanks_saysSo_andFinishes() throws Exception {
        CliHarness single = new CliHarness(dir);
        assertThat(single.run("train", "--output-dir", "run", "--max-steps", "20", "--batch-size", "64",
                "--save-every", "10 steps").exitCode()).isZero();

        List<CliHarness.Result> results = trainAll("train", "--resume", "latest", "--output-dir", "run", "--max-steps", "40",
                "--batch-size", "64", "--save-every", "10 steps");

        assertThat(results).allSatisfy(result -> assertThat(result.exitCode()).as(result.err()).isZero());
        assertThat(results.get(0).err()).contains("note: this run started with world size 1 and continues with 2; "
                + "the global batch (training.batch_size 64) is the same");
        assertThat(ProvenanceFile.readIn(dir.resolve("run")).finalStep()).isEqualTo(40);
    }

    @Test
    void aWorkerWithoutARunDirectory_isRefused() {
        CliHarness cli = new CliHarness(dir);
        cli.environment = Map.of("WORLD_SIZE", "2", "RANK", "1", "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "29500");

        CliHarness.Result result = cli.run("train", "--max-steps", "5");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("output_dir is required for a worker of a group (WORLD_SIZE=2)");
    }

    @Test
    void anEngineWithoutDataParallelTraining_refusesAGroup_namingTheEngine() {
        CliHarness cli = new CliHarness(dir);
        cli.environment = Map.of("WORLD_SIZE", "2", "RANK", "1", "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "29500");

        CliHarness.Result result = cli.run("train", "--output-dir", "run", "--max-steps", "5");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("engine.name=djl has no data-parallel training (WORLD_SIZE=2)");
        assertThat(dir.resolve("run")).doesNotExist();
    }
}
