package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.field;
import static dev.metronome.cli.report.ReportPages.parse;
import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports of run directories that lack some files. */
class ReportMissingInputsTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

    @Test
    void onlyTheMetricLog_stillMakesAReport_thatSaysWhatIsMissing() throws IOException {
        SyntheticRun run = standardRun();
        run.writeProvenance = false;
        run.writeConfig = false;
        run.writeCheckpoints = false;

        Document doc = report(run);

        assertThat(doc.select(".notes li").eachText()).hasSize(3).anySatisfy(note -> assertThat(note).contains("run.json"))
                .anySatisfy(note -> assertThat(note).contains("config.yaml"))
                .anySatisfy(note -> assertThat(note).contains("checkpoints/"));
        assertThat(field(doc, "dataset")).isEqualTo("—");
        assertThat(doc.selectFirst("#provenance .placeholder")).isNotNull();
        assertThat(doc.select("svg[data-chart=loss]")).hasSize(2);
    }

    @Test
    void emptyMetricLog_givesAReportThatSaysNothingHappenedYet() throws IOException {
        Files.createDirectories(temp.resolve("fresh"));
        Files.writeString(temp.resolve("fresh/metrics.jsonl"), "");

        Document doc = parse(HtmlReport.write(temp.resolve("fresh")));

        assertThat(field(doc, "status")).isEqualTo("Running");
        assertThat(field(doc, "steps")).isEqualTo("0");
        assertThat(field(doc, "active-time")).isEqualTo("—");
        assertThat(doc.select("svg.chart")).isEmpty();
        assertThat(doc.selectFirst("#timeline").text()).contains("No log, evaluation or save events yet.");
    }

    @Test
    void configYamlMissing_showsTheConfigurationRecordedInRunJson() throws IOException {
        SyntheticRun run = standardRun();
        run.writeConfig = false;

        Document doc = report(run);

        assertThat(doc.selectFirst("pre.config").attr("data-source")).isEqualTo("run.json");
        assertThat(doc.selectFirst("pre.config").text()).contains("\"seed\" : 42");
    }

    @Test
    void withoutMetricLog_writingFails_namingTheFile() {
        assertThatThrownBy(() -> HtmlReport.write(temp))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("metrics.jsonl");
    }
}
