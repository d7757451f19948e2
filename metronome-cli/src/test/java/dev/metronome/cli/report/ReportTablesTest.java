package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.parse;
import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.provenance.DistributedProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation, checkpoint, configuration and provenance tables. */
class ReportTablesTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

    @Test
    void evaluationTable_hasOneRowPerEvaluation_everyMetricColumn_andTheBestMarked() throws IOException {
        Document doc = report(standardRun());

        assertThat(doc.select("table.evaluations thead th").eachText())
                .containsExactly("step", "epoch", "active time", "eval_loss", "eval_accuracy", "duration", "trigger");
        Elements rows = doc.select("table.evaluations tbody tr");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).hasClass("best")).isTrue();
        assertThat(rows.get(3).select("td").last().text()).isEqualTo("end");
    }

    @Test
    void checkpointTable_listsEachCheckpoint_andFlagsACorruptOne() throws IOException {
        Path runDir = standardRun().write();
        Files.write(runDir.resolve("checkpoints/checkpoint-100/trainer_state.json"), new byte[] {'{', '}'});

        Document doc = parse(HtmlReport.write(runDir));

        Elements rows = doc.select("table.checkpoints tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).hasClass("corrupt")).isTrue();
        assertThat(rows.get(0).text()).contains("checkpoint-100", "corrupt", "size mismatch");
        assertThat(rows.get(1).text()).contains("checkpoint-200", "ok", "eval_loss =");
    }

    @Test
    void aDataParallelRun_showsItsWorldSizeBackendAndHosts() throws IOException {
        SyntheticRun run = standardRun();
        run.distributed = new DistributedProvenance(4, "gloo", List.of("node-a", "node-a", "node-b", "node-b"),
                Map.of("intra_op", 1));

        Document doc = report(run);

        assertThat(doc.selectFirst("table.environment").text())
                .contains("world size 4 ranks (gloo) on node-a ×2, node-b ×2; per rank: intra_op 1");
    }

    @Test
    void configIsShownVerbatim_andProvenanceListsDataWithLicenceClassAndHash() throws IOException {
        Document doc = report(standardRun());

        assertThat(doc.selectFirst("pre.config").wholeText()).isEqualTo(String.format(SyntheticRun.CONFIG_YAML, 200, 50));
        Element dataset = doc.selectFirst("table.datasets tbody tr");
        assertThat(dataset.text()).contains("fashion-mnist-mini-train", "MIT", "open", "ab".repeat(32));
        assertThat(doc.selectFirst("table.environment").text()).contains("Debian 17.0.15", "djl 0.35.1", "cpu()",
                "world size 1 (one process)");
        assertThat(doc.selectFirst("table.run-facts").text()).contains("9f3c" + "0".repeat(60), "init 42", "data 7");
    }
}
