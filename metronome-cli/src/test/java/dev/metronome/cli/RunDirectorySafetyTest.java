package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.cli.CliHarness.Result;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.run.RunDirectoryLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory's lifecycle as a hostile user meets it: other files, dead runs, two runs at once. */
class RunDirectorySafetyTest {

    @TempDir
    Path dir;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
    }

    Result train(String... args) {
        return cli.run(Stream.concat(Stream.of("train", "--eval-every", "10 steps", "--save-every", "10 steps"),
                Stream.of(args)).toArray(String[]::new));
    }

    private static Stream<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void theUsersOwnConfigFile_isNeverOverwritten_theRunIsRefusedFirst() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "# my settings\ntraining: {max_steps: 5}\n");

        Result result = train("--config", "config.yaml", "--output-dir", ".");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: " + dir.resolve(".").normalize()
                + ": holds files that are not a Metronome run (config.yaml); Metronome writes only into a new or empty"
                + " directory or a run directory; choose another one");
        assertThat(dir.resolve("config.yaml")).hasContent("# my settings\ntraining: {max_steps: 5}");
        assertThat(names(dir)).containsExactly("config.yaml");
    }

    @Test
    void aForeignMetricsFile_isRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("metrics.csv"), "a,b\n1,2\n");

        Result result = train("--max-steps", "5", "--output-dir", "out");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("holds files that are not a Metronome run");
        assertThat(names(out)).containsExactly("metrics.csv");
        assertThat(out.resolve("metrics.csv")).hasContent("a,b\n1,2");
    }

    @Test
    void aRunThatDiedBeforeItsFirstSave_startsAgainFromStep0WithResume() throws Exception {
        cli.factory.failAtStep = 5;
        assertThat(train("--max-steps", "20", "--output-dir", "runs/a").exitCode()).isEqualTo(1);
        assertThat(dir.resolve("runs/a/checkpoints/checkpoint-10")).doesNotExist();
        cli.factory.failAtStep = 0;

        Result plain = train("--max-steps", "20", "--output-dir", "runs/a");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.errLines()).singleElement().asString().contains("--resume latest --output-dir runs/a");

        Result resumed = train("--resume", "--output-dir", "runs/a", "--max-steps", "20");
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.errLines()).anySatisfy(line -> assertThat(line).startsWith("no checkpoint in")
                .endsWith("starting a new run"));
        RunProvenance provenance = ProvenanceFile.readIn(dir.resolve("runs/a"));
        assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(provenance.finalStep()).isEqualTo(20L);
    }

    @Test
    void inspect_ofARunRecordedAsRunningThatNoTrainingHolds_saysInterrupted_exit1() throws Exception {
        assertThat(train("--max-steps", "10", "--output-dir", "runs/a").exitCode()).isZero();
        Path runJson = dir.resolve("runs/a/run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"completed\"", "\"running\""));
        assertThat(ProvenanceFile.readIn(dir.resolve("runs/a")).status()).isEqualTo(RunStatus.RUNNING);

        Result result = cli.run("inspect", "runs/a");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("run " + dir.resolve("runs/a") + ": interrupted");
        assertThat(result.errLines()).containsExactly("error: runs/a: interrupted: run.json says running, but no training"
                + " holds the directory; continue it with metronome train --resume latest --output-dir runs/a");
    }

    @Test
    void twoFreshRunsStartedInTheSameSecond_getTheirOwnDirectories() {
        Path taken = dir.resolve("runs/20260101-000000");
        RunDirectoryLock[] other = new RunDirectoryLock[1];
        cli.factory.onCreate = () -> {
            try {
                Files.createDirectories(taken);
                other[0] = RunDirectoryLock.acquire(taken);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try {
            Result result = train("--max-steps", "5");
            assertThat(result.errLines()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("→ runs/20260101-000000-2").endsWith("run directory: runs/20260101-000000-2\n");
            assertThat(dir.resolve("runs/20260101-000000-2/run.json")).exists();
            assertThat(taken.resolve("run.json")).doesNotExist();
        } finally {
            try {
                other[0].close();
            } catch (IOException | RuntimeException e) {
                // the test's own lock; nothing to do
            }
        }
    }
}
