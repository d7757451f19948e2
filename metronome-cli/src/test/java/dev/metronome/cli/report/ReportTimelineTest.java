package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline of logs, evaluations and saves, and the rhythm table. */
class ReportTimelineTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

    @Test
    void threeLanes_oneBarPerEvaluationAndSave_oneTickPerLog() throws IOException {
        Document doc = report(standardRun());

        Element timeline = doc.selectFirst("svg.timeline[data-chart=timeline]");
        assertThat(timeline.select("g.lane").eachAttr("data-lane")).containsExactly("log", "eval", "save");
        assertThat(timeline.select("[data-lane=eval] rect.eval-bar").eachAttr("data-step"))
                .containsExactly("50", "100", "150", "200");
        assertThat(timeline.select("[data-lane=save] rect.save-bar").eachAttr("data-step")).containsExactly("100", "200");
        assertThat(timeline.select("[data-lane=save] line.save-tick")).hasSize(2);
        assertThat(timeline.selectFirst("[data-lane=log] path.log-tick").attr("data-drawn")).isEqualTo("21");
    }

    @Test
    void evaluationBar_spansItsDuration_endingAtItsEvent() throws IOException {
        Document doc = report(standardRun());

        // The timeline is 13.6 s over 1060 px; an evaluation of 0.8 s is about 62 px wide.
        Element bar = doc.selectFirst("svg.timeline [data-lane=eval] rect.eval-bar[data-step=50]");
        assertThat(Double.parseDouble(bar.attr("width"))).isBetween(60.0, 64.0);
        assertThat(bar.selectFirst("title").text()).startsWith("evaluation at step 50 · 800 ms · trigger 50 steps");
    }

    @Test
    void rhythmTable_summarisesEachAction() throws IOException {
        Document doc = report(standardRun());

        Element evaluate = doc.selectFirst("table.rhythm tr[data-action=evaluate]");
        assertThat(evaluate.select("td").eachText()).startsWith("evaluate", "4").contains("800 ms", "50 steps ×3, end ×1");
    }

    @Test
    void aLocalSgdRun_getsASyncLane_withOneBarPerSync_andASyncRowInTheRhythmTable() throws IOException {
        Path run = standardRun().write();
        try (dev.metronome.metrics.jsonl.JsonlMetricSink sink = dev.metronome.metrics.jsonl.JsonlMetricSink.openIn(run)) {
            for (int sync = 1; sync <= 3; sync++) {
                sink.write(dev.metronome.metrics.MetricEvent.builder(dev.metronome.metrics.MetricEventType.SYNC)
                        .step(60L * sync).epoch(0.1 * sync).elapsedSeconds(4.0 * sync)
                        .timestamp(java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(4L * sync))
                        .value("sync", sync).value("rank0_steps", 60L).value("rank0_wait_s", 0.01)
                        .value("rank1_steps", 21L).value("rank1_wait_s", 0.25).value("wait_s", 0.25)
                        .value("sync_duration_s", 0.05).value("sync_cause", "4s").build());
            }
        }

        Document doc = ReportPages.parse(HtmlReport.write(run));

        Element timeline = doc.selectFirst("svg.timeline[data-chart=timeline]");
        assertThat(timeline.select("g.lane").eachAttr("data-lane")).containsExactly("log", "eval", "save", "sync");
        assertThat(timeline.select("[data-lane=sync] rect.sync-bar").eachAttr("data-step")).containsExactly("60", "120", "180");
        assertThat(timeline.selectFirst("[data-lane=sync] rect.sync-bar[data-step=120] title").text())
                .startsWith("sync 2 at step 120 · steps per rank 60 / 21 · longest wait 250 ms").endsWith("trigger 4s");
        Element row = doc.selectFirst("table.rhythm tr[data-action=sync]");
        assertThat(row.select("td").eachText()).startsWith("sync", "3");
    }

    @Test
    void aRunWithoutSyncs_hasNoSyncLane() throws IOException {
        Document doc = report(standardRun());

        assertThat(doc.select("svg.timeline [data-lane=sync]")).isEmpty();
        assertThat(doc.select("table.rhythm tr[data-action=sync]")).isEmpty();
    }
}
