package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.detail;
import static dev.metronome.cli.report.ReportPages.field;
import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header and summary facts: status, stop reason, steps, time, best metric, run description. */
class ReportSummaryTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

    @Test
    void completedRun_showsStatusReasonAndRunFacts() throws IOException {
        Document doc = report(standardRun());

        assertThat(field(doc, "status")).isEqualTo("Completed");
        assertThat(field(doc, "stop-reason")).isEqualTo("step limit reached (max_steps)");
        assertThat(field(doc, "steps")).isEqualTo("200");
        assertThat(field(doc, "epochs")).isEqualTo("2");
        assertThat(doc.selectFirst("[data-field=best] dt").text()).isEqualTo("Best eval_loss");
        assertThat(detail(doc, "best")).isEqualTo("at step 200 (lower is better)");
        assertThat(field(doc, "last-eval")).isEqualTo("step 200");
        assertThat(detail(doc, "last-eval")).startsWith("loss ").contains(" · accuracy ");
        assertThat(field(doc, "dataset")).isEqualTo("fashion-mnist-mini-train (2,000 examples)");
        assertThat(field(doc, "model")).isEqualTo("mlp, hidden [128], relu");
        assertThat(field(doc, "optimizer")).isEqualTo("adam, lr 0.001");
        assertThat(field(doc, "seed")).isEqualTo("42");
        assertThat(field(doc, "events")).isEqualTo("21 logs");
        assertThat(detail(doc, "events")).isEqualTo("4 evaluations · 2 saves");
        assertThat(doc.title()).isEqualTo("run-1 · Completed · Metronome report");
    }

    @Test
    void activeTime_isTheLastEventsElapsedSeconds() throws IOException {
        // 200 steps of 0.05 s + 4 evaluations of 0.8 s + 2 saves of 0.2 s = 13.6 s.
        assertThat(field(report(standardRun()), "active-time")).isEqualTo("13.6 s");
    }

    @Test
    void overhead_isEvaluationTimePlusBlockedSaveTime_overActiveTime() throws IOException {
        Document doc = report(standardRun());

        // (4 × 0.8 s + 2 × 0.2 s) / 13.6 s
        assertThat(field(doc, "overhead")).isEqualTo("26.5%");
        assertThat(detail(doc, "overhead")).isEqualTo("of active time: evaluating 23.5%, saving 2.9% (loop blocked)");
    }

    @ParameterizedTest
    @CsvSource({
        "stopped, signal_term, Stopped by signal, SIGTERM received",
        "completed, early_stopping, Completed, early stopping",
        "completed, max_time, Completed, time limit reached (max_time)",
        "failed, , Failed, loss became NaN at step 200"})
    void endEvent_decidesStatusLabel(String status, String reason, String label, String detail) throws IOException {
        SyntheticRun run = standardRun();
        run.endStatus = status;
        run.stopReason = reason;

        Document doc = report(run);

        assertThat(field(doc, "status")).isEqualTo(label);
        assertThat(doc.selectFirst(".status-line").text()).contains(detail);
        assertThat(doc.selectFirst(".badge").hasClass(status)).isTrue();
    }

    @Test
    void noEndEvent_isReportedAsRunning() throws IOException {
        SyntheticRun run = standardRun();
        run.endStatus = null;

        Document doc = report(run);

        assertThat(field(doc, "status")).isEqualTo("Running");
        assertThat(field(doc, "stop-reason")).contains("no end event yet");
    }
}
