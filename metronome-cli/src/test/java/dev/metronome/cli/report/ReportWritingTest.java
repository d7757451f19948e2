package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.chart;
import static dev.metronome.cli.report.ReportPages.field;
import static dev.metronome.cli.report.ReportPages.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing report.html: atomic replacement, purity, and size for a long run. */
class ReportWritingTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

    @Test
    void write_replacesTheReportInPlace_leavingNoTemporaryFile() throws IOException {
        Path runDir = standardRun().write();
        Files.writeString(runDir.resolve(HtmlReport.FILE_NAME), "old");

        Path written = HtmlReport.write(runDir);

        assertThat(written).isEqualTo(runDir.resolve("report.html"));
        assertThat(Files.readString(written)).startsWith("<!DOCTYPE html>");
        try (var files = Files.list(runDir)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void render_isAPureFunctionOfItsInputs() throws IOException {
        Path runDir = standardRun().write();
        RunInputs inputs = RunDirectoryReader.read(runDir);

        assertThat(HtmlReport.render(inputs)).isEqualTo(HtmlReport.render(RunDirectoryReader.read(runDir)));
    }

    @Test
    void hundredThousandLogEvents_giveAReportOfReasonableSize() throws IOException {
        SyntheticRun run = standardRun();
        run.steps = 100_000;
        run.logEvery = 1;
        run.evalEvery = 2_000;
        run.saveEvery = 10_000;
        run.stepSeconds = 0.01;
        run.writeCheckpoints = false;
        Path runDir = run.write();

        long startNanos = Clock.SYSTEM.monotonicNanos();
        Path report = HtmlReport.write(runDir);
        double seconds = (Clock.SYSTEM.monotonicNanos() - startNanos) / 1e9;

        long bytes = Files.size(report);
        System.out.printf("100k-event report: %,d bytes in %.2f s%n", bytes, seconds);
        assertThat(bytes).isLessThan(600_000);
        Document doc = parse(report);
        assertThat(field(doc, "events")).isEqualTo("100,000 logs");
        Element loss = chart(doc, "loss", "step").select("g.series[data-series=loss]").first();
        assertThat(loss.attr("data-points")).isEqualTo("100000");
        long drawnPoints = loss.selectFirst("path.line").attr("d").chars().filter(c -> c == ',').count();
        assertThat(drawnPoints).isBetween(480L, 5L * 480);
        assertThat(Integer.parseInt(doc.selectFirst("svg.timeline [data-lane=log] path.log-tick").attr("data-drawn")))
                .isLessThanOrEqualTo(2 * TimelineChart.WIDTH);
    }
}
