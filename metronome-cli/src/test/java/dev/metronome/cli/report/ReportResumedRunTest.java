package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.chart;
import static dev.metronome.cli.report.ReportPages.detail;
import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that crashed and resumed: re-run steps count once, resumptions are marked. */
class ReportResumedRunTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

    /** Crashes after step 150 and resumes from checkpoint-100, then runs to 200. */
    private SyntheticRun crashingRun() {
        SyntheticRun run = standardRun();
        run.crashAfterStep = 150;
        return run;
    }

    @Test
    void stepsRunAgainAfterAResume_countOnce_laterOccurrenceWins() throws IOException {
        Document doc = report(crashingRun());

        assertThat(chart(doc, "loss", "step").select("g.series[data-series=loss]").attr("data-points")).isEqualTo("21");
        assertThat(doc.select("svg.timeline[data-chart=timeline] [data-lane=eval] rect.eval-bar").eachAttr("data-step"))
                .containsExactly("50", "100", "150", "200");
        assertThat(doc.select("table.evaluations tbody tr")).hasSize(4);
        // logs 110..150 and the evaluation at 150 of the first attempt
        assertThat(detail(doc, "events")).contains("1 resumption", "6 re-run events superseded");
    }

    @Test
    void resumePoint_isMarkedOnEveryChartAndOnTheTimeline() throws IOException {
        Document doc = report(crashingRun());

        assertThat(chart(doc, "loss", "step").select("line.resume-mark")).hasSize(1);
        assertThat(chart(doc, "loss", "elapsed").select("line.resume-mark")).hasSize(1);
        assertThat(doc.selectFirst("svg.timeline g.resume").text()).contains("resumed @ 100");
        assertThat(doc.select("table.resumptions tbody tr")).hasSize(1);
    }
}
