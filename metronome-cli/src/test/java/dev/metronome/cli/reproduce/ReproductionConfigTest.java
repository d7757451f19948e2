package dev.metronome.cli.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.ConfigFiles;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.DataClass;
import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReproductionConfigTest {

    static final String SHA = "ab".repeat(32);

    static RunProvenance recorded(String yaml, List<DatasetProvenance> data) {
        ObjectNode tree = ConfigResolver.resolve(List.of(ConfigFiles.layer("test", ConfigFiles.parseValue(yaml)))).tree();
        EnvironmentProvenance environment = EnvironmentProvenance.from(new Properties(), 2, 1, Map.of())
                .withThreads(Map.of("intra_op", 3, "inter_op", 2));
        return RunProvenance.started(new BuildInfo("0.1.0", Optional.empty()), tree, Map.of("seed", 7L), data, environment,
                Instant.EPOCH).ended(RunStatus.COMPLETED, Instant.EPOCH, 4321, Map.of(), SHA);
    }

    @Test
    void theLoopStopsAtTheRecordedStep_evaluatingAndSavingOnlyAtTheEnd() {
        RunProvenance run = recorded("""
                seed: 7
                training: {max_epochs: 5, max_time: 10m}
                schedule:
                  evaluate: {every: 10s, max_fraction: 0.2}
                  save: "30s, best"
                  early_stopping: {patience: 3, min_delta: 0.0}
                """, List.of());

        ReproductionConfig configs = ReproductionConfig.of(run, "/tmp/again");

        RunConfig loop = configs.run();
        assertThat(loop.training().maxSteps()).isEqualTo(4321);
        assertThat(loop.training().maxEpochs()).isNull();
        assertThat(loop.training().maxTime()).isNull();
        assertThat(loop.schedule().evaluate().every()).isEqualTo("no");
        assertThat(loop.schedule().save().every()).isEqualTo("no");
        assertThat(loop.schedule().evaluate().atEnd()).isTrue();
        assertThat(loop.schedule().earlyStopping()).isNull();
        assertThat(loop.seed()).isEqualTo(7);
        assertThat(loop.outputDir()).isEqualTo("/tmp/again");
    }

    @Test
    void theTaskKeepsTheRecordedLimits_soADecayingScheduleKeepsItsLength_andPinsTheThreads() {
        RunProvenance run = recorded("training: {max_epochs: 5, max_time: 10m}\nlr_schedule: {name: cosine}\n", List.of());

        RunConfig task = ReproductionConfig.of(run, "/tmp/again").task();

        assertThat(task.training().maxEpochs()).isEqualTo(5);
        assertThat(task.training().maxTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(task.lrSchedule().name()).isEqualTo("cosine");
        assertThat(task.engine().threads()).isEqualTo(3);
    }

    @Test
    void anExplicitThreadCount_isKept() {
        RunProvenance run = recorded("engine: {threads: 1}\n", List.of());
        assertThat(ReproductionConfig.of(run, "/tmp/again").task().engine().threads()).isEqualTo(1);
    }

    @Test
    void csvData_isReadFromWhereTheRunRecordedIt() {
        DatasetProvenance train = new DatasetProvenance("csv-train", "/data/train.csv",
                List.of(new DataFile("/data/train.csv", 10, SHA), new DataFile("/elsewhere/eval.csv", 5, SHA)), 8, 2, 2,
                "NOASSERTION", DataClass.UNSHAREABLE);
        RunProvenance run = recorded("data: {name: csv, path: train.csv, eval_path: ../x/eval.csv, label: y}\n", List.of(train));

        RunConfig task = ReproductionConfig.of(run, "/tmp/again").task();

        assertThat(task.data().path()).isEqualTo("/data/train.csv");
        assertThat(task.data().evalPath()).isEqualTo("/elsewhere/eval.csv");
        assertThat(task.data().label()).isEqualTo("y");
    }
}
