package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A data-parallel run's configuration errors: one line naming the setting or variable, exit 2, nothing started. */
class DistributedConfigErrorsTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
    }

    @Test
    void aGlobalBatchThatDoesNotDivideByTheWorldSize_isRefusedBeforeAnyWorkerStarts() {
        CliHarness.Result result = cli.run("train", "--nproc-per-node", "2", "--batch-size", "63");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("training.batch_size 63 does not divide by the world size 2")
                .contains("for example 64");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aWorkerChecksTheGlobalBatchToo() {
        cli.environment = Map.of("WORLD_SIZE", "4", "RANK", "1", "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "29500");

        CliHarness.Result result = cli.run("train", "--batch-size", "30", "--output-dir", "run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("training.batch_size 30 does not divide by the world size 4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "WORLD_SIZE=two RANK=0 MASTER_ADDR=h MASTER_PORT=1 | WORLD_SIZE=two: expected a whole number",
        "WORLD_SIZE=2 RANK=2 MASTER_ADDR=h MASTER_PORT=1   | RANK=2: expected a whole number in 0..1",
        "WORLD_SIZE=2 MASTER_ADDR=h MASTER_PORT=1          | RANK is not set",
        "WORLD_SIZE=2 RANK=1 MASTER_PORT=1                 | MASTER_ADDR is not set",
        "WORLD_SIZE=2 RANK=1 MASTER_ADDR=h MASTER_PORT=0   | MASTER_PORT=0: expected a whole number in 1..65535",
        "WORLD_SIZE=2 RANK=1 MASTER_ADDR=h MASTER_PORT=1 LOCAL_RANK=-1 | LOCAL_RANK=-1: expected a whole number",
    })
    void badEnvironmentValues_nameTheVariable(String variables, String message) {
        Map<String, String> environment = new java.util.HashMap<>();
        for (String pair : variables.trim().split(" +")) {
            environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        cli.environment = environment;

        CliHarness.Result result = cli.run("train", "--output-dir", "run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains(message);
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--nnodes 2                                    | --nnodes, --node-rank, --master-addr and --master-port go with --nproc-per-node",
        "--nproc-per-node 0                            | --nproc-per-node 0: expected at least 1",
        "--nproc-per-node 1 --nnodes 2                 | --node-rank (or NODE_RANK) is required with --nnodes 2",
        "--nproc-per-node 1 --nnodes 2 --node-rank 2   | --node-rank 2 is outside [0, 2)",
        "--nproc-per-node 1 --nnodes 2 --node-rank 1   | --master-addr (or MASTER_ADDR) is required with --nnodes 2",
        "--nproc-per-node 1 --dist-timeout soon        | --dist-timeout soon: expected a positive duration",
    })
    void badLaunchFlags_nameTheFlag(String flags, String message) {
        String[] args = ("train " + flags.trim()).split(" +");

        CliHarness.Result result = cli.run(args);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void severalMachines_needTheSameNamedRunDirectory() throws Exception {
        CliHarness.Result result = cli.run("train", "--nproc-per-node", "1", "--nnodes", "2", "--node-rank", "1",
                "--master-addr", "10.0.0.1", "--master-port", "29500");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--output-dir is required with --nnodes 2");
        assertThat(Files.exists(dir.resolve("runs"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "distributed.sync=soon | distributed.sync: \"soon\": ",
        "distributed.sync=30s best | distributed.sync: ",
        "distributed.outer=adam | distributed.outer: ",
        "distributed.outer_momentum=1.5 | distributed.outer_momentum: ",
    })
    void badSyncSettings_nameTheKey(String setting, String message) {
        CliHarness.Result result = cli.run("train", "--set", setting.trim());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message.trim());
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aTimeSyncInOneProcess_isRefused_sayingHowToStartRanks() {
        CliHarness.Result result = cli.run("train", "--set", "distributed.sync=30s");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("distributed.sync: 30s synchronises the ranks of a multi-process run")
                .contains("--nproc-per-node N");
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
